// The cycle the signed-in pages show, and how it sits in the address: the
// `?cycle=2027` search parameter, so that a link pasted into WeChat opens the
// same view. Without one: the cycle chosen before on this visit (the shell keeps
// it while the user moves between pages), else the newest open cycle, else the
// newest one. The pure parts are here; ShellLayout keeps the address in step.
import { useOutletContext } from "react-router";
import type { CyclesQuery } from "../../graphql/generated/graphql.js";

export type CycleOption = CyclesQuery["cycles"][number];

export const CYCLE_PARAM = "cycle";

export interface ShellOutletContext {
  /** Null when the viewer sees no cycle at all. */
  readonly cycle: CycleOption | null;
  /** The value of `?cycle=` that names `cycle` (null with no cycle). */
  readonly cycleParam: string | null;
}

/** The newest open cycle, else the newest (the server lists the newest year first). */
export function defaultCycle(cycles: readonly CycleOption[]): CycleOption | null {
  return cycles.find((cycle) => cycle.status === "OPEN") ?? cycles[0] ?? null;
}

/** The cycle that a `?cycle=` value names: its year ("2027") or its code ("FY2027", any case). */
export function findCycle(cycles: readonly CycleOption[], param: string | null): CycleOption | null {
  const value = param?.trim() ?? "";
  if (value === "") return null;
  if (/^\d{4}$/.test(value)) {
    const ofYear = cycles.filter((cycle) => cycle.year === Number(value));
    // Two cycles of one year (a re-run): the open one, else the newest.
    return defaultCycle(ofYear);
  }
  return cycles.find((cycle) => cycle.code.toUpperCase() === value.toUpperCase()) ?? null;
}

/** The `?cycle=` value for a cycle: its year, or its code when another visible cycle has the same year. */
export function cycleParamOf(cycle: CycleOption, cycles: readonly CycleOption[]): string {
  const sameYear = cycles.filter((other) => other.year === cycle.year);
  return sameYear.length > 1 && findCycle(cycles, String(cycle.year))?.id !== cycle.id ? cycle.code : String(cycle.year);
}

export interface CycleChoice {
  readonly cycle: CycleOption | null;
  /** The address named a cycle the viewer does not see (unknown, or not yet open to them). */
  readonly unknownParam: string | null;
}

/**
 * What to show: the cycle the address names; without `?cycle=`, the one shown
 * before (`currentParam`), else the default. An address naming no visible cycle
 * gets the default, and says so.
 */
export function chooseCycle(cycles: readonly CycleOption[], urlParam: string | null, currentParam: string | null): CycleChoice {
  if (urlParam !== null && urlParam.trim() !== "") {
    const named = findCycle(cycles, urlParam);
    return named ? { cycle: named, unknownParam: null } : { cycle: defaultCycle(cycles), unknownParam: urlParam };
  }
  return { cycle: findCycle(cycles, currentParam) ?? defaultCycle(cycles), unknownParam: null };
}

/** `path` (which may carry a query and a hash) with `?cycle=` set to `param`, its other parameters kept. */
export function withCycleParam(path: string, param: string | null): string {
  if (param === null) return path;
  const hashAt = path.indexOf("#");
  const hash = hashAt >= 0 ? path.slice(hashAt) : "";
  const beforeHash = hashAt >= 0 ? path.slice(0, hashAt) : path;
  const queryAt = beforeHash.indexOf("?");
  const pathname = queryAt >= 0 ? beforeHash.slice(0, queryAt) : beforeHash;
  const params = new URLSearchParams(queryAt >= 0 ? beforeHash.slice(queryAt + 1) : "");
  params.set(CYCLE_PARAM, param);
  return `${pathname}?${params.toString()}${hash}`;
}

export function useSelectedCycle(): CycleOption | null {
  return useOutletContext<ShellOutletContext>().cycle;
}

/** Builds links of the shell that keep the selected cycle: `cyclePath("/units/GZ")` → "/units/GZ?cycle=2027". */
export function useCyclePath(): (path: string) => string {
  const { cycleParam } = useOutletContext<ShellOutletContext>();
  return (path) => withCycleParam(path, cycleParam);
}
