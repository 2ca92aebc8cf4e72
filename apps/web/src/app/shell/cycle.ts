// The cycle the signed-in pages show: the user's last choice (kept in
// localStorage), else the newest open cycle, else the newest one.
import { useOutletContext } from "react-router";
import type { CyclesQuery } from "../../graphql/generated/graphql.js";

export type CycleOption = CyclesQuery["cycles"][number];

export interface ShellOutletContext {
  /** Null when the viewer sees no cycle at all. */
  readonly cycle: CycleOption | null;
}

const STORAGE_KEY = "pyramid.cycle";

export function chooseCycle(cycles: readonly CycleOption[], savedCode: string | null): CycleOption | null {
  return cycles.find((cycle) => cycle.code === savedCode) ?? cycles.find((cycle) => cycle.status === "OPEN") ?? cycles[0] ?? null;
}

export function readSavedCycleCode(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function saveCycleCode(code: string): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // The choice then lasts for this visit only.
  }
}

export function useSelectedCycle(): CycleOption | null {
  return useOutletContext<ShellOutletContext>().cycle;
}
