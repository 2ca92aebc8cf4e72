// Breakdowns against their figures, worked by hand: 金樽500ml's Jan figure
// 1,000.00 split by channel into 商超 400.00 + 团购 600.00 (adds up), Feb 500.00
// with 商超 300.00 only (200.00 to allocate), Mar no figure but 商超 50.00.
import { describe, expect, it } from "vitest";
import { cellKey, EMPTY_DRAFT, type Draft } from "../grid/index.js";
import { allocationStatus } from "./allocation.js";
import type { ApiCell, GridRowInfo, GridView } from "./grid-view.js";

const row = (key: string, breakdown: boolean, channelId?: string): GridRowInfo => ({
  key,
  breakdown,
  axis: breakdown ? "CHANNEL" : null,
  productSpecId: "s1",
  dimensions: channelId ? { productSpecId: "s1", channelId } : { productSpecId: "s1" },
  dimensionKey: channelId ? `spec=s1;channel=${channelId}` : "spec=s1",
  name: key,
});

const cell = (baseValue: string): ApiCell => ({
  id: baseValue,
  baseValue,
  stretchValue: null,
  isHeld: false,
  version: 1,
  updatedAt: "2026-11-20T02:00:00.000Z",
  updatedBy: null,
});

const VIEW: GridView = {
  metricId: "m-sales",
  scale: 2,
  lines: [],
  rows: new Map([
    ["F|s1", row("F|s1", false)],
    ["B|s1|CHANNEL|ka", row("B|s1|CHANNEL|ka", true, "ka")],
    ["B|s1|CHANNEL|tg", row("B|s1|CHANNEL|tg", true, "tg")],
  ]),
  cells: { BASE: [], STRETCH: [] },
  history: [],
  stored: new Map([
    [cellKey("F|s1", 1), cell("1000.00")],
    [cellKey("B|s1|CHANNEL|ka", 1), cell("400.00")],
    [cellKey("B|s1|CHANNEL|tg", 1), cell("600.00")],
    [cellKey("F|s1", 2), cell("500.00")],
    [cellKey("B|s1|CHANNEL|ka", 2), cell("300.00")],
    [cellKey("B|s1|CHANNEL|ka", 3), cell("50.00")],
  ]),
};

describe("allocationStatus", () => {
  it("says what is left to allocate each month, and flags the figures that do not add up", () => {
    const status = allocationStatus(VIEW, EMPTY_DRAFT, true);
    expect(status.allocations).toEqual([
      {
        figureRowKey: "F|s1",
        productSpecId: "s1",
        axis: "CHANNEL",
        balanced: false,
        months: [
          { month: 1, allocated: "1000.00", remaining: "0.00", balanced: true },
          { month: 2, allocated: "300.00", remaining: "200.00", balanced: false },
          { month: 3, allocated: "50.00", remaining: null, balanced: false },
        ],
      },
    ]);
    expect([...status.unbalanced.keys()]).toEqual([cellKey("F|s1", 2), cellKey("F|s1", 3)]);
  });

  it("follows unsaved edits: a breakdown going over its figure, then adding up", () => {
    const over: Draft = new Map([[cellKey("B|s1|CHANNEL|tg", 2), { value: "250.00", isHeld: false }]]);
    // Feb: 300.00 + 250.00 = 550.00 against 500.00: 50.00 over.
    expect(allocationStatus(VIEW, over, true).allocations[0]?.months[1]).toEqual({
      month: 2,
      allocated: "550.00",
      remaining: "-50.00",
      balanced: false,
    });
    const exact: Draft = new Map([
      [cellKey("B|s1|CHANNEL|tg", 2), { value: "200.00", isHeld: false }],
      [cellKey("B|s1|CHANNEL|ka", 3), { value: null, isHeld: false }],
    ]);
    const status = allocationStatus(VIEW, exact, true);
    expect(status.allocations[0]?.balanced).toBe(true);
    expect(status.unbalanced.size).toBe(0);
  });

  it("checks nothing for a metric that does not add up (a share)", () => {
    expect(allocationStatus(VIEW, EMPTY_DRAFT, false).allocations).toEqual([]);
  });
});
