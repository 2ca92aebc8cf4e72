// One cycle config: the plan cycle's stored settings (the PlanCycle row) and
// the checks' PlanCheckConfig are one thing, turned into the other by ONE
// function, checkConfigFromCycle, with the same defaults on both sides.
//
//   growthBandMin / growthBandMax  the "跳一跳, 摸得着" band, decimal strings
//                                  (Prisma Decimal → string): [0, 0.30] by default
//   implausibleFactor              a target above factor × last year is implausible: 3
//   minTerminalRank                terminal classes are data ({code, rank}, rank 1 = A,
//                                  the highest); every class of rank ≤ minTerminalRank
//                                  must carry its own target: 2, so A and B
//   checkConfig                    JSON { [checkCode]: { enabled?: boolean, severity?: "BLOCK" | "WARN" } }
//
// The stored JSON is untrusted (anyone with database access, an old release):
// it is validated, and anything unknown or malformed is a typed refusal listing
// every problem, never a throw and never silently dropped.
import { Dec } from "../fixed.js";
import { isPlanCheckCode, type PlanCheckCode, type PlanCheckOverrides } from "./registry.js";
import type { PlanCheckConfig } from "./run.js";
import type { Severity } from "./types.js";

/** A cycle row's settings as they come out of the database. */
export interface CycleSettings {
  readonly growthBandMin: string;
  readonly growthBandMax: string;
  readonly implausibleFactor: string;
  readonly minTerminalRank: number;
  /** The stored JSON, unvalidated. */
  readonly checkConfig: unknown;
}

/** The defaults of a new cycle; the database column defaults are the same values. */
export const DEFAULT_CYCLE_SETTINGS = {
  growthBandMin: "0",
  growthBandMax: "0.3",
  implausibleFactor: "3",
  minTerminalRank: 2,
  checkConfig: {},
} as const satisfies CycleSettings;

/** A company's terminal class (A/B/C …): rank 1 is the highest. */
export interface TerminalClassRank {
  readonly code: string;
  readonly rank: number;
}

export type CycleConfigProblem =
  | {
      readonly code: "BAD_DECIMAL";
      readonly field: "growthBandMin" | "growthBandMax" | "implausibleFactor";
      readonly value: string;
    }
  | { readonly code: "GROWTH_BAND_INVERTED"; readonly min: string; readonly max: string }
  | { readonly code: "FACTOR_NOT_POSITIVE"; readonly value: string }
  | { readonly code: "BAD_TERMINAL_RANK"; readonly value: number }
  | { readonly code: "CHECK_CONFIG_NOT_AN_OBJECT" }
  | { readonly code: "UNKNOWN_CHECK"; readonly check: string }
  | { readonly code: "CHECK_OVERRIDE_NOT_AN_OBJECT"; readonly check: string }
  | { readonly code: "UNKNOWN_OVERRIDE_FIELD"; readonly check: string; readonly field: string }
  | { readonly code: "BAD_SEVERITY"; readonly check: string; readonly value: string }
  | { readonly code: "BAD_ENABLED"; readonly check: string; readonly value: string };

export type CycleConfigResult =
  | { readonly ok: true; readonly config: PlanCheckConfig }
  | { readonly ok: false; readonly problems: readonly CycleConfigProblem[] };

const SEVERITIES: readonly Severity[] = ["BLOCK", "WARN"];
const DECIMAL_PATTERN = /^[+-]?\d+(\.\d+)?$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Shown in a problem: strings as they are, anything else as JSON. */
const shown = (value: unknown): string => (typeof value === "string" ? value : (JSON.stringify(value) ?? String(value)));

function parseOverrides(stored: unknown, problems: CycleConfigProblem[]): PlanCheckOverrides {
  if (!isRecord(stored)) {
    problems.push({ code: "CHECK_CONFIG_NOT_AN_OBJECT" });
    return {};
  }
  const overrides: Partial<Record<PlanCheckCode, { enabled?: boolean; severity?: Severity }>> = {};
  for (const [check, override] of Object.entries(stored)) {
    if (!isPlanCheckCode(check)) {
      problems.push({ code: "UNKNOWN_CHECK", check });
      continue;
    }
    if (!isRecord(override)) {
      problems.push({ code: "CHECK_OVERRIDE_NOT_AN_OBJECT", check });
      continue;
    }
    const parsed: { enabled?: boolean; severity?: Severity } = {};
    for (const [field, value] of Object.entries(override)) {
      if (field === "enabled") {
        if (typeof value === "boolean") parsed.enabled = value;
        else problems.push({ code: "BAD_ENABLED", check, value: shown(value) });
      } else if (field === "severity") {
        const severity = SEVERITIES.find((s) => s === value);
        if (severity !== undefined) parsed.severity = severity;
        else problems.push({ code: "BAD_SEVERITY", check, value: shown(value) });
      } else {
        problems.push({ code: "UNKNOWN_OVERRIDE_FIELD", check, field });
      }
    }
    overrides[check] = parsed;
  }
  return overrides;
}

/**
 * The checks' config for every plan of the cycle: its growth band, implausible
 * factor, the terminal classes that must be split to (the company's classes of
 * rank ≤ minTerminalRank, by rank) and the check overrides. Thresholds the
 * cycle does not store (expense-ratio tolerance, required metrics …) keep
 * DEFAULT_PLAN_CHECK_THRESHOLDS.
 */
export function checkConfigFromCycle(settings: CycleSettings, terminalClasses: readonly TerminalClassRank[]): CycleConfigResult {
  const problems: CycleConfigProblem[] = [];
  const decimal = (field: "growthBandMin" | "growthBandMax" | "implausibleFactor"): string | null => {
    const value = settings[field].trim();
    if (DECIMAL_PATTERN.test(value)) return value;
    problems.push({ code: "BAD_DECIMAL", field, value: settings[field] });
    return null;
  };
  const min = decimal("growthBandMin");
  const max = decimal("growthBandMax");
  const factor = decimal("implausibleFactor");
  if (min !== null && max !== null && new Dec(min).greaterThan(new Dec(max))) {
    problems.push({ code: "GROWTH_BAND_INVERTED", min, max });
  }
  if (factor !== null && !new Dec(factor).greaterThan(0)) problems.push({ code: "FACTOR_NOT_POSITIVE", value: factor });
  if (!Number.isInteger(settings.minTerminalRank) || settings.minTerminalRank < 0) {
    problems.push({ code: "BAD_TERMINAL_RANK", value: settings.minTerminalRank });
  }
  const checks = parseOverrides(settings.checkConfig, problems);
  if (problems.length > 0 || min === null || max === null || factor === null) return { ok: false, problems };

  const terminalSplitClasses = [...terminalClasses]
    .filter((terminalClass) => terminalClass.rank <= settings.minTerminalRank)
    .sort((a, b) => a.rank - b.rank)
    .map((terminalClass) => terminalClass.code);
  return {
    ok: true,
    config: {
      checks,
      thresholds: {
        growthBand: { minGrowth: min, maxGrowth: max },
        implausibleFactor: factor,
        terminalSplitClasses,
      },
    },
  };
}
