import { describe, expect, it } from "vitest";
import { money } from "../fixed.js";
import { MONTHS } from "../periods.js";
import { DEFAULT_CYCLE_SETTINGS, checkConfigFromCycle, type CycleSettings } from "./cycle-config.js";
import { DEFAULT_PLAN_CHECK_THRESHOLDS, runPlanChecks } from "./run.js";
import type { PlanSnapshot, TargetCell } from "./types.js";

// The company's classes, deliberately out of rank order.
const CLASSES = [
  { code: "C", rank: 3 },
  { code: "A", rank: 1 },
  { code: "B", rank: 2 },
];

const settings = (overrides: Partial<CycleSettings> = {}): CycleSettings => ({ ...DEFAULT_CYCLE_SETTINGS, ...overrides });

describe("DEFAULT_CYCLE_SETTINGS", () => {
  it("are the lead's decision: band 0 % to +30 %, factor 3, classes of rank ≤ 2 split, no overrides", () => {
    expect(DEFAULT_CYCLE_SETTINGS).toEqual({
      growthBandMin: "0",
      growthBandMax: "0.3",
      implausibleFactor: "3",
      minTerminalRank: 2,
      checkConfig: {},
    });
  });

  it("give the checks' own defaults, so a cycle left at its defaults checks like runPlanChecks without config", () => {
    const result = checkConfigFromCycle(DEFAULT_CYCLE_SETTINGS, CLASSES);
    expect(result).toEqual({
      ok: true,
      config: {
        checks: {},
        thresholds: {
          growthBand: { minGrowth: "0", maxGrowth: "0.3" },
          implausibleFactor: "3",
          terminalSplitClasses: ["A", "B"],
        },
      },
    });
    expect(DEFAULT_PLAN_CHECK_THRESHOLDS).toMatchObject({
      growthBand: { minGrowth: "0", maxGrowth: "0.3" },
      implausibleFactor: "3",
      terminalSplitClasses: ["A", "B"],
    });
  });
});

describe("checkConfigFromCycle", () => {
  it("reads Prisma's decimal strings and the cycle's overrides", () => {
    const result = checkConfigFromCycle(
      settings({
        growthBandMin: "0.050000",
        growthBandMax: "0.25",
        implausibleFactor: "2.5000",
        minTerminalRank: 1,
        checkConfig: { VALUE_IMPLAUSIBLE: { severity: "BLOCK" }, OBJECTION_PENDING: { enabled: false } },
      }),
      CLASSES,
    );
    expect(result).toEqual({
      ok: true,
      config: {
        checks: { VALUE_IMPLAUSIBLE: { severity: "BLOCK" }, OBJECTION_PENDING: { enabled: false } },
        thresholds: {
          growthBand: { minGrowth: "0.050000", maxGrowth: "0.25" },
          implausibleFactor: "2.5000",
          terminalSplitClasses: ["A"],
        },
      },
    });
  });

  it("takes the classes to split to from the company's ranks, whatever their names", () => {
    const own = [
      { code: "KEY", rank: 1 },
      { code: "GROWTH", rank: 2 },
      { code: "OTHER", rank: 5 },
    ];
    const classesAt = (minTerminalRank: number) => {
      const result = checkConfigFromCycle(settings({ minTerminalRank }), own);
      return result.ok ? result.config.thresholds?.terminalSplitClasses : result.problems;
    };
    expect(classesAt(0)).toEqual([]);
    expect(classesAt(2)).toEqual(["KEY", "GROWTH"]);
    expect(classesAt(4)).toEqual(["KEY", "GROWTH"]);
    expect(classesAt(5)).toEqual(["KEY", "GROWTH", "OTHER"]);
  });

  it("refuses every unknown or malformed override, listing each problem", () => {
    const result = checkConfigFromCycle(
      settings({
        checkConfig: {
          NO_SUCH_CHECK: { enabled: false },
          VALUE_IMPLAUSIBLE: { severity: "FATAL" },
          OBJECTION_PENDING: { enabled: "no" },
          MONTHS_MISSING: 3,
          HISTORY_INSUFFICIENT: { severity: "WARN", level: "high" },
        },
      }),
      CLASSES,
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        { code: "UNKNOWN_CHECK", check: "NO_SUCH_CHECK" },
        { code: "BAD_SEVERITY", check: "VALUE_IMPLAUSIBLE", value: "FATAL" },
        { code: "BAD_ENABLED", check: "OBJECTION_PENDING", value: "no" },
        { code: "CHECK_OVERRIDE_NOT_AN_OBJECT", check: "MONTHS_MISSING" },
        { code: "UNKNOWN_OVERRIDE_FIELD", check: "HISTORY_INSUFFICIENT", field: "level" },
      ],
    });
    for (const stored of [null, [], "{}", 7]) {
      expect(checkConfigFromCycle(settings({ checkConfig: stored }), CLASSES)).toEqual({
        ok: false,
        problems: [{ code: "CHECK_CONFIG_NOT_AN_OBJECT" }],
      });
    }
    // A severity must be spelled exactly: the checks compare it as a string.
    const lower = checkConfigFromCycle(settings({ checkConfig: { VALUE_IMPLAUSIBLE: { severity: "block" } } }), CLASSES);
    expect(lower).toEqual({ ok: false, problems: [{ code: "BAD_SEVERITY", check: "VALUE_IMPLAUSIBLE", value: "block" }] });
  });

  it("refuses settings the checks cannot use", () => {
    expect(checkConfigFromCycle(settings({ growthBandMin: "abc", implausibleFactor: "1e3" }), CLASSES)).toEqual({
      ok: false,
      problems: [
        { code: "BAD_DECIMAL", field: "growthBandMin", value: "abc" },
        { code: "BAD_DECIMAL", field: "implausibleFactor", value: "1e3" },
      ],
    });
    expect(checkConfigFromCycle(settings({ growthBandMin: "0.4", growthBandMax: "0.3" }), CLASSES)).toEqual({
      ok: false,
      problems: [{ code: "GROWTH_BAND_INVERTED", min: "0.4", max: "0.3" }],
    });
    expect(checkConfigFromCycle(settings({ implausibleFactor: "0", minTerminalRank: 1.5 }), CLASSES)).toEqual({
      ok: false,
      problems: [
        { code: "FACTOR_NOT_POSITIVE", value: "0" },
        { code: "BAD_TERMINAL_RANK", value: 1.5 },
      ],
    });
  });

  it("drives the checks: a cycle at rank 3 requires the C terminal, its band flags +35 %", () => {
    // Sales figure 1350.00 a month against last year's 12000.00: 16200 / 12000 − 1 = +35 %.
    const targets: TargetCell[] = MONTHS.flatMap((month): TargetCell[] => [
      { metricCode: "SALES_REVENUE", month, base: money("1350.00") },
      { metricCode: "SALES_REVENUE", month, terminalId: "TA", base: money("1350.00") },
    ]);
    const plan: PlanSnapshot = {
      unitId: "county",
      level: "COUNTY",
      year: 2026,
      targets,
      expenses: [],
      history: [{ year: 2025, actuals: [{ metricCode: "SALES_REVENUE", value: money("12000.00") }] }],
      sections: [],
      children: [],
      openObjections: [],
      terminals: [
        { terminalId: "TA", terminalClass: "A" },
        { terminalId: "TC", terminalClass: "C" },
      ],
      siblings: [],
    };
    const result = checkConfigFromCycle(settings({ minTerminalRank: 3 }), CLASSES);
    if (!result.ok) throw new Error("default settings refused");
    const findings = runPlanChecks(plan, result.config);
    expect(findings.find((f) => f.code === "TARGET_ABOVE_GROWTH_BAND")?.params).toMatchObject({
      growthPercent: "35.00",
      maxPercent: "30.00",
    });
    expect(findings.find((f) => f.code === "TERMINAL_SPLIT_MISSING")?.params).toEqual({
      count: 1,
      classes: "A/B/C",
      terminals: "TC",
    });
    // At the default rank 2 the C terminal needs no target of its own.
    const defaults = checkConfigFromCycle(DEFAULT_CYCLE_SETTINGS, CLASSES);
    if (!defaults.ok) throw new Error("default settings refused");
    expect(runPlanChecks(plan, defaults.config).some((f) => f.code === "TERMINAL_SPLIT_MISSING")).toBe(false);
  });
});
