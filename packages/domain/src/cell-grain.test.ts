import { describe, expect, it } from "vitest";
import {
  actualFigures,
  BREAKDOWN_AXES,
  BREAKDOWN_AXIS_SQL,
  breakdownAxisOf,
  cellGrain,
  checkBreakdowns,
  figureKeyOf,
  isFigure,
  type GrainCell,
} from "./cell-grain.js";
import { money, quantity } from "./fixed.js";

const cell = (dimensions: Partial<GrainCell> & { base: GrainCell["base"] }): GrainCell => ({
  metricCode: "SALES_REVENUE",
  month: 1,
  productSpecId: "S1",
  ...dimensions,
});

describe("cellGrain", () => {
  it("calls a cell without channel, terminal, distributor or township a figure", () => {
    expect(cellGrain({})).toEqual({ kind: "FIGURE" });
    expect(cellGrain({ productSpecId: "S1" })).toEqual({ kind: "FIGURE" });
    // null and "" are absent, as in the database columns and the dimension key
    expect(cellGrain({ productSpecId: "S1", terminalId: null, channelId: "" })).toEqual({ kind: "FIGURE" });
    expect(isFigure({ productSpecId: "S1" })).toBe(true);
  });

  it("puts a breakdown on one axis: terminal, then distributor, then township, then channel", () => {
    expect(cellGrain({ channelId: "GROUP_BUY" })).toEqual({ kind: "BREAKDOWN", axis: "CHANNEL" });
    expect(cellGrain({ townshipId: "TW", channelId: "C" })).toEqual({ kind: "BREAKDOWN", axis: "TOWNSHIP" });
    expect(cellGrain({ distributorId: "D", townshipId: "TW", channelId: "C" })).toEqual({
      kind: "BREAKDOWN",
      axis: "DISTRIBUTOR",
    });
    // a terminal cell carrying its channel still details the figure by terminal
    expect(cellGrain({ terminalId: "T", distributorId: "D", channelId: "C", productSpecId: "S1" })).toEqual({
      kind: "BREAKDOWN",
      axis: "TERMINAL",
    });
    expect(breakdownAxisOf({ productSpecId: "S1" })).toBeNull();
    expect([...BREAKDOWN_AXES].sort()).toEqual(["CHANNEL", "DISTRIBUTOR", "TERMINAL", "TOWNSHIP"]);
  });

  it("is the same rule as the SQL expression for the stored axis column", () => {
    expect(BREAKDOWN_AXIS_SQL).toBe(
      `CASE WHEN "terminalId" IS NOT NULL THEN 'TERMINAL' WHEN "distributorId" IS NOT NULL THEN 'DISTRIBUTOR' ` +
        `WHEN "townshipId" IS NOT NULL THEN 'TOWNSHIP' WHEN "channelId" IS NOT NULL THEN 'CHANNEL' ELSE NULL END`,
    );
  });

  it("keys a breakdown by the figure it details", () => {
    expect(figureKeyOf({ metricCode: "SALES_REVENUE", month: 3, productSpecId: "S1" })).toBe("SALES_REVENUE|3|S1");
    expect(figureKeyOf({ metricCode: "SALES_REVENUE", month: 3 })).toBe("SALES_REVENUE|3|");
    expect(figureKeyOf({ metricCode: "SALES_REVENUE", month: 3, productSpecId: null })).toBe("SALES_REVENUE|3|");
  });
});

describe("checkBreakdowns", () => {
  it("reports a breakdown that does not add up to its figure, with both sides and the difference", () => {
    const figure = cell({ base: money("12000.00") });
    const t1 = cell({ terminalId: "T1", base: money("600.00") });
    const t2 = cell({ terminalId: "T2", channelId: "KA", base: money("400.00") });
    const [mismatch, ...rest] = checkBreakdowns([figure, t1, t2]);
    expect(rest).toEqual([]);
    expect(mismatch?.axis).toBe("TERMINAL");
    expect(mismatch?.figure?.toString()).toBe("12000.00");
    expect(mismatch?.breakdownTotal.toString()).toBe("1000.00");
    // 600.00 + 400.00 − 12000.00
    expect(mismatch?.difference.toString()).toBe("-11000.00");
    expect(mismatch?.figureCells).toEqual([figure]);
    expect(mismatch?.breakdownCells).toEqual([t1, t2]);
    expect(mismatch).toMatchObject({ metricCode: "SALES_REVENUE", month: 1, productSpecId: "S1" });
  });

  it("accepts breakdowns that add up exactly, on every axis independently", () => {
    const cells = [
      cell({ base: money("1000.00") }),
      cell({ terminalId: "T1", base: money("600.00") }),
      cell({ terminalId: "T2", base: money("400.00") }),
      cell({ distributorId: "D1", base: money("999.99") }),
      cell({ distributorId: "D2", base: money("0.01") }),
      cell({ channelId: "GROUP_BUY", base: money("1000.00") }),
    ];
    expect(checkBreakdowns(cells)).toEqual([]);
    // one cent off on one axis is a mismatch on that axis only
    const off = [...cells.slice(0, 4), cell({ distributorId: "D2", base: money("0.02") }), cells[5]!];
    expect(checkBreakdowns(off).map((m) => [m.axis, m.difference.toString()])).toEqual([["DISTRIBUTOR", "0.01"]]);
  });

  it("reports a breakdown with no figure to detail", () => {
    const [mismatch] = checkBreakdowns([
      cell({ base: money("500.00"), productSpecId: "S2" }),
      cell({ townshipId: "TW1", base: money("300.00") }),
    ]);
    expect(mismatch).toMatchObject({ axis: "TOWNSHIP", figure: null, figureCells: [] });
    expect(mismatch?.difference.toString()).toBe("300.00");
  });

  it("leaves a figure without breakdown alone, and keeps specs and months apart", () => {
    const cells = [
      cell({ base: money("100.00") }),
      cell({ base: money("200.00"), month: 2 }),
      cell({ base: money("300.00"), productSpecId: "S2" }),
      cell({ terminalId: "T1", base: money("200.00"), month: 2 }),
    ];
    expect(checkBreakdowns(cells)).toEqual([]);
  });

  it("skips metrics that are not additive, and sums mixed scales exactly", () => {
    const share = [
      cell({ metricCode: "MARKET_SHARE", base: quantity("25", 2) }),
      cell({ metricCode: "MARKET_SHARE", terminalId: "T1", base: quantity("30", 2) }),
    ];
    expect(checkBreakdowns(share, { isAdditive: (code) => code !== "MARKET_SHARE" })).toEqual([]);
    expect(checkBreakdowns(share)).toHaveLength(1);
    const volume = [
      cell({ metricCode: "SALES_VOLUME", base: quantity("10", 0) }),
      cell({ metricCode: "SALES_VOLUME", terminalId: "T1", base: quantity("9.5", 1) }),
      cell({ metricCode: "SALES_VOLUME", terminalId: "T2", base: quantity("0.5", 1) }),
    ];
    expect(checkBreakdowns(volume)).toEqual([]);
  });
});

describe("actualFigures", () => {
  const actual = (value: string, dimensions: Record<string, string> = {}, month: 1 | 2 | "year" = 1) => ({
    metricCode: "SALES_REVENUE",
    ...(month !== "year" && { month }),
    productSpecId: "S1",
    ...dimensions,
    value: money(value),
  });
  const read = (actuals: Parameters<typeof actualFigures>[0]) =>
    actualFigures(actuals).map((f) => [f.month ?? "year", f.productSpecId ?? "", f.value.toString(), f.source]);

  it("reads the figure row and ignores its breakdowns", () => {
    expect(
      read([actual("11500.00"), actual("7000.00", { terminalId: "T1" }), actual("11500.00", { channelId: "RETAIL" })]),
    ).toEqual([[1, "S1", "11500.00", "FIGURE"]]);
  });

  it("lets one breakdown stand in when actuals were loaded without figures, channels first", () => {
    // as the demo seed loads them: spec × channel only
    expect(read([actual("8000.00", { channelId: "RETAIL" }), actual("3500.00", { channelId: "GROUP_BUY" })])).toEqual([
      [1, "S1", "11500.00", "CHANNEL"],
    ]);
    // terminals cover only the classes detailed: the channels, which cover every sale, are read
    expect(
      read([
        actual("250.00", { terminalId: "T1" }),
        actual("8000.00", { channelId: "RETAIL" }),
        actual("3500.00", { channelId: "GROUP_BUY" }),
      ]),
    ).toEqual([[1, "S1", "11500.00", "CHANNEL"]]);
    expect(read([actual("250.00", { terminalId: "T1" }), actual("150.00", { terminalId: "T2", channelId: "RETAIL" })])).toEqual([
      [1, "S1", "400.00", "TERMINAL"],
    ]);
  });

  it("keeps months, the year figure and specs apart", () => {
    expect(
      read([actual("100.00"), actual("200.00", {}, 2), actual("1000.00", {}, "year"), actual("5.00", { productSpecId: "S2" })]),
    ).toEqual([
      [1, "S1", "100.00", "FIGURE"],
      [2, "S1", "200.00", "FIGURE"],
      ["year", "S1", "1000.00", "FIGURE"],
      [1, "S2", "5.00", "FIGURE"],
    ]);
  });
});
