import { describe, expect, it } from "vitest";
import { buildPlanVersionSnapshot, checkWarnAcknowledgements, diffPlanVersions } from "./plan-versions.js";

const snapshot = (
  cells: { m: string; month: number; key?: string; base: string; stretch?: string | null; figure?: boolean }[],
  sections: Record<string, string> = {},
  expenses: { item: string; month: number; amount: string }[] = [],
) =>
  buildPlanVersionSnapshot({
    sections: Object.entries(sections).map(([code, body]) => ({ code, body })),
    targetCells: cells.map((c) => ({
      metricId: c.m,
      month: c.month,
      dimensionKey: c.key ?? "",
      baseValue: c.base,
      stretchValue: c.stretch ?? null,
      isFigure: c.figure ?? true,
    })),
    expenseCells: expenses.map((e) => ({ itemId: e.item, month: e.month, dimensionKey: "", amount: e.amount })),
  });

describe("buildPlanVersionSnapshot", () => {
  it("sums figures only, stretch counting the base where none is set, and the expense lines", () => {
    const built = snapshot(
      [
        { m: "REV", month: 2, base: "100.10", stretch: "120" },
        { m: "REV", month: 1, base: "0.20" },
        { m: "REV", month: 1, key: "t:T1", base: "0.20", figure: false },
        { m: "GP", month: 1, base: "30" },
      ],
      { B: "b", A: "a" },
      [
        { item: "RENT", month: 1, amount: "10.05" },
        { item: "RENT", month: 2, amount: "0.95" },
      ],
    );
    // REV base 100.10 + 0.20 = 100.30; stretch 120.00 + 0.20 = 120.20; the terminal breakdown is not added.
    expect(built.totals).toEqual({
      targets: [
        { metricId: "GP", base: "30.00", stretch: "30.00" },
        { metricId: "REV", base: "100.30", stretch: "120.20" },
      ],
      expenses: "11.00",
    });
    expect(built.sections.map((s) => s.code)).toEqual(["A", "B"]);
    expect(built.targetCells.map((c) => `${c.metricId}/${c.month}/${c.dimensionKey}`)).toEqual([
      "GP/1/",
      "REV/1/",
      "REV/1/t:T1",
      "REV/2/",
    ]);
  });
});

describe("diffPlanVersions", () => {
  it("lists changed, added and removed cells with exact deltas, and changed sections", () => {
    const from = snapshot(
      [
        { m: "REV", month: 1, base: "100.00" },
        { m: "REV", month: 2, base: "50.00", stretch: "60.00" },
        { m: "REV", month: 3, base: "7.00" },
      ],
      { ENV: "old", KEEP: "same" },
      [{ item: "RENT", month: 1, amount: "10.00" }],
    );
    const to = snapshot(
      [
        { m: "REV", month: 1, base: "99.99" },
        { m: "REV", month: 2, base: "50.00" },
        { m: "REV", month: 4, base: "1.01" },
      ],
      { ENV: "new", KEEP: "same", NEW: "added" },
      [{ item: "RENT", month: 1, amount: "12.50" }],
    );
    expect(diffPlanVersions(from, to)).toEqual({
      cells: [
        { kind: "EXPENSE", subjectId: "RENT", month: 1, dimensionKey: "", before: "10.00", after: "12.50", delta: "2.50" },
        { kind: "TARGET_BASE", subjectId: "REV", month: 1, dimensionKey: "", before: "100.00", after: "99.99", delta: "-0.01" },
        { kind: "TARGET_BASE", subjectId: "REV", month: 3, dimensionKey: "", before: "7.00", after: null, delta: "-7.00" },
        { kind: "TARGET_BASE", subjectId: "REV", month: 4, dimensionKey: "", before: null, after: "1.01", delta: "1.01" },
        { kind: "TARGET_STRETCH", subjectId: "REV", month: 2, dimensionKey: "", before: "60.00", after: null, delta: "-60.00" },
      ],
      sections: [
        { code: "ENV", before: "old", after: "new" },
        { code: "NEW", before: null, after: "added" },
      ],
    });
  });

  it("is empty between a version and itself", () => {
    const same = snapshot([{ m: "REV", month: 1, base: "1" }], { A: "x" });
    expect(diffPlanVersions(same, same)).toEqual({ cells: [], sections: [] });
  });
});

describe("checkWarnAcknowledgements", () => {
  const findings = [
    { code: "HISTORY_INSUFFICIENT", severity: "WARN" as const },
    { code: "HISTORY_INSUFFICIENT", severity: "WARN" as const },
    { code: "VALUE_IMPLAUSIBLE", severity: "WARN" as const },
    { code: "MONTHS_MISSING", severity: "BLOCK" as const },
  ];
  it("needs one acknowledgement with a reason per WARN check", () => {
    expect(checkWarnAcknowledgements(findings, [{ checkCode: "VALUE_IMPLAUSIBLE", reason: "新品" }])).toEqual({
      ok: false,
      code: "WARNINGS_NOT_ACKNOWLEDGED",
      checkCodes: ["HISTORY_INSUFFICIENT"],
    });
    expect(
      checkWarnAcknowledgements(findings, [
        { checkCode: "VALUE_IMPLAUSIBLE", reason: " 新品 " },
        { checkCode: "HISTORY_INSUFFICIENT", reason: "新开县" },
      ]),
    ).toEqual({
      ok: true,
      acknowledged: [
        { checkCode: "HISTORY_INSUFFICIENT", reason: "新开县" },
        { checkCode: "VALUE_IMPLAUSIBLE", reason: "新品" },
      ],
    });
  });
  it("refuses a blank reason and an acknowledgement of a check that did not warn", () => {
    expect(checkWarnAcknowledgements(findings, [{ checkCode: "VALUE_IMPLAUSIBLE", reason: "  " }])).toMatchObject({
      ok: false,
      code: "ACKNOWLEDGEMENT_REASON_REQUIRED",
      checkCodes: ["VALUE_IMPLAUSIBLE"],
    });
    expect(checkWarnAcknowledgements(findings, [{ checkCode: "MONTHS_MISSING", reason: "x" }])).toMatchObject({
      ok: false,
      code: "ACKNOWLEDGEMENT_UNKNOWN",
      checkCodes: ["MONTHS_MISSING"],
    });
    expect(checkWarnAcknowledgements([], [])).toEqual({ ok: true, acknowledged: [] });
  });
});
