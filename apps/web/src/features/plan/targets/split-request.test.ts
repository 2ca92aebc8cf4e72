// The split dialog's block and breakdown, from a selection of the test plan's grid
// (testing.ts): 不分品规, 金樽500ml with its 商超 breakdown (and 百佳超市's when
// expanded), 金樽250ml; four terminals of classes A–D, A and B required, t1 and t3 core.
import { describe, expect, it } from "vitest";
import type { GridRowSpec, SelectedBlock } from "../grid/index.js";
import { gridMock, setupMock, TERMINAL_ROW } from "../testing.js";
import { buildGridView, type GridView, type PlanCatalogue, type TargetGridData } from "./grid-view.js";
import { blockSplitOf, breakdownFigureOf, breakdownMembers, memberLabel, monthsInWords } from "./split-request.js";

type Answer<T> = { result: { data: { plan: T } } };
const catalogue = (setupMock() as unknown as Answer<{ catalogue: PlanCatalogue }>).result.data.plan.catalogue;
const LABELS = {
  noSpec: "不分品规",
  figure: "合计",
  axis: { CHANNEL: "渠道", TERMINAL: "终端", DISTRIBUTOR: "经销商", TOWNSHIP: "乡镇" },
};
const NAMES = { axis: LABELS.axis, spec: (id: string | null) => (id === "s1" ? "金樽500ml" : (id ?? "不分品规")) };

function viewOf(withTerminal = false): GridView {
  const mock = withTerminal
    ? gridMock(undefined, undefined, { expand: [{ productSpecId: "s1", axis: "TERMINAL" }], rows: [TERMINAL_ROW] })
    : gridMock();
  const grid = (mock as unknown as Answer<{ targetGrid: TargetGridData }>).result.data.plan.targetGrid;
  return buildGridView(grid, catalogue, "zh-CN", LABELS);
}

function select(view: GridView, keys: readonly string[], months: readonly number[]): SelectedBlock {
  const rows = view.lines.flatMap((line) => line.rows);
  return { rows: keys.map((key) => rows.find((row) => row.key === key) as GridRowSpec), months };
}

describe("the split of a selection", () => {
  it("splits the selected specs' figures over the selected months; breakdown rows and the figure without a spec stay out", () => {
    const view = viewOf();
    expect(blockSplitOf(select(view, ["F|", "F|s1", "B|s1|CHANNEL|ch-ka", "F|s2"], [1, 2, 3]), view, "zh-CN", NAMES)).toEqual({
      ok: true,
      block: { months: [1, 2, 3], productSpecIds: ["s1", "s2"] },
      scope: { key: "targets.scope.specs", params: { count: 2, months: "1月–3月" } },
    });
    expect(blockSplitOf(select(view, ["F|"], [1, 5]), view, "zh-CN", NAMES)).toEqual({
      ok: true,
      block: { months: [1, 5] },
      scope: { key: "targets.scope.noSpec", params: { months: "1月、5月" } },
    });
  });

  it("splits selected breakdown rows of one spec and axis as a breakdown block, and refuses a mix", () => {
    const view = viewOf(true);
    expect(blockSplitOf(select(view, ["B|s1|CHANNEL|ch-ka"], [4]), view, "zh-CN", NAMES)).toEqual({
      ok: true,
      block: { months: [4], productSpecIds: ["s1"], breakdown: { axis: "CHANNEL", memberIds: ["ch-ka"] } },
      scope: { key: "targets.scope.members", params: { count: 1, axis: "渠道", spec: "金樽500ml", months: "4月" } },
    });
    expect(blockSplitOf(select(view, ["B|s1|CHANNEL|ch-ka", "B|s1|TERMINAL|t1"], [4]), view, "zh-CN", NAMES)).toEqual({
      ok: false,
      reason: "targets.splitMixed",
    });
    expect(blockSplitOf(null, view, "zh-CN", NAMES)).toEqual({ ok: false, reason: "targets.splitPick" });
  });

  it("opens one spec's figure for a breakdown, with its stored value in each selected month", () => {
    const view = viewOf();
    const opened = breakdownFigureOf(select(view, ["F|s1", "B|s1|CHANNEL|ch-ka"], [1, 2]), view);
    expect(opened.ok && opened.figure).toEqual({
      figureRowKey: "F|s1",
      productSpecId: "s1",
      name: "金樽500ml",
      months: [1, 2],
      figures: new Map([
        [1, "1000.00"],
        [2, null],
      ]),
    });
    expect(breakdownFigureOf(select(view, ["F|s1", "F|s2"], [1]), view)).toEqual({ ok: false, reason: "targets.breakdownPick" });
  });

  it("breaks down to the terminals that need a target and the core ones, core first, then by class", () => {
    // t1 (A, core), t3 (C, core), t2 (B); t4 (D) is neither required nor core.
    expect(breakdownMembers(catalogue, "TERMINAL")).toEqual(["t1", "t3", "t2"]);
    expect(breakdownMembers(catalogue, "CHANNEL")).toEqual(["ch-ka"]);
    expect(breakdownMembers(catalogue, "TOWNSHIP")).toEqual([]);
    expect(memberLabel(catalogue, "t3", "zh-CN")).toBe("街口烟酒店 (C)");
    expect(memberLabel(catalogue, "ch-ka", "en")).toBe("Supermarkets");
  });

  it("says the months in words", () => {
    expect(monthsInWords([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], "zh-CN")).toBe("1月–12月");
    expect(monthsInWords([3, 7, 8], "zh-CN")).toBe("3月、7月、8月");
    expect(monthsInWords([1, 2, 3], "en")).toBe(`${monthsInWords([1], "en")}–${monthsInWords([3], "en")}`);
  });
});
