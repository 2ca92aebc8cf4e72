import { describe, expect, it } from "vitest";
import { summaryDeltasOf, summaryLineOf, type SummaryCellValue } from "./summary-lines.js";

const cell = (overrides: Partial<SummaryCellValue>): SummaryCellValue => ({
  metricId: "REV",
  month: 1,
  productSpecId: "spec-a",
  channelId: null,
  terminalId: null,
  distributorId: null,
  townshipId: null,
  baseValue: "0.00",
  stretchValue: null,
  ...overrides,
});

describe("summaryLineOf", () => {
  it("sums figures and channel breakdowns, never terminal, distributor or township breakdowns", () => {
    expect(summaryLineOf(cell({}))).toEqual({ metricId: "REV", specKey: "spec-a", channelKey: "", month: 1 });
    expect(summaryLineOf(cell({ productSpecId: null }))).toEqual({ metricId: "REV", specKey: "", channelKey: "", month: 1 });
    expect(summaryLineOf(cell({ channelId: "group-buy" }))).toEqual({
      metricId: "REV",
      specKey: "spec-a",
      channelKey: "group-buy",
      month: 1,
    });
    expect(summaryLineOf(cell({ terminalId: "t1", channelId: "retail" }))).toBeNull();
    expect(summaryLineOf(cell({ distributorId: "d1" }))).toBeNull();
    expect(summaryLineOf(cell({ townshipId: "w1" }))).toBeNull();
  });
});

describe("summaryDeltasOf", () => {
  it("turns an edit into the difference, a new cell into +1 and a deletion into −1 (worked by hand)", () => {
    // 12,000.00 → 12,500.10 with stretch 13,000.00: base +500.10, stretch 13,000.00 − 12,000.00 = +1,000.00, count 0.
    expect(
      summaryDeltasOf([cell({ baseValue: "12000.00" })], [cell({ baseValue: "12500.10", stretchValue: "13000.00" })]),
    ).toEqual([
      { metricId: "REV", specKey: "spec-a", channelKey: "", month: 1, baseDelta: 50_010n, stretchDelta: 100_000n, countDelta: 0 },
    ]);
    expect(summaryDeltasOf([], [cell({ month: 2, baseValue: "0.01" })])).toEqual([
      { metricId: "REV", specKey: "spec-a", channelKey: "", month: 2, baseDelta: 1n, stretchDelta: 1n, countDelta: 1 },
    ]);
    expect(summaryDeltasOf([cell({ baseValue: "7.00", stretchValue: "9.00" })], [])).toEqual([
      { metricId: "REV", specKey: "spec-a", channelKey: "", month: 1, baseDelta: -700n, stretchDelta: -900n, countDelta: -1 },
    ]);
  });

  it("drops changes that cancel out and ignores breakdown cells", () => {
    expect(summaryDeltasOf([cell({ baseValue: "5.00" })], [cell({ baseValue: "5.00" })])).toEqual([]);
    expect(
      summaryDeltasOf([cell({ terminalId: "t1", baseValue: "600.00" })], [cell({ terminalId: "t1", baseValue: "650.00" })]),
    ).toEqual([]);
  });
});
