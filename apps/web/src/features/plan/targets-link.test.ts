import { describe, expect, it } from "vitest";
import { gridRowKeyOf, parseFocusParam, targetsLink } from "./targets-link.js";

describe("links to a cell of the Targets tab", () => {
  it("name the grid row as the API keys it: a figure by its spec, a breakdown by its first axis", () => {
    expect(gridRowKeyOf({ productSpecId: "s1" })).toBe("F|s1");
    expect(gridRowKeyOf({})).toBe("F|");
    expect(gridRowKeyOf({ productSpecId: "s1", channelId: "ka" })).toBe("B|s1|CHANNEL|ka");
    // A terminal cell carries its channel too; the terminal decides the axis.
    expect(gridRowKeyOf({ productSpecId: "s1", channelId: "ka", terminalId: "t1" })).toBe("B|s1|TERMINAL|t1");
    expect(gridRowKeyOf({ productSpecId: null, townshipId: "tw" })).toBe("B||TOWNSHIP|tw");
  });

  it("carry the metric and the cell in the query string, and read back", () => {
    const link = targetsLink("CONGHUA", 2027, { metricCode: "SALES_REVENUE", focus: { rowKey: "B|s1|CHANNEL|ka", month: 3 } });
    expect(link).toBe("/plans/CONGHUA/2027/targets?metric=SALES_REVENUE&focus=B%7Cs1%7CCHANNEL%7Cka%3A3");
    const focus = new URL(link, "http://x").searchParams.get("focus");
    expect(parseFocusParam(focus)).toEqual({ rowKey: "B|s1|CHANNEL|ka", month: 3 });
    expect(targetsLink("CONGHUA", 2027)).toBe("/plans/CONGHUA/2027/targets");
  });

  it("ignore a focus that names no cell", () => {
    for (const bad of [null, "", "F|s1", "F|s1:13", "F|s1:0", "X|s1:3", ":3", "F|s1:1.5"])
      expect(parseFocusParam(bad)).toBeNull();
  });
});
