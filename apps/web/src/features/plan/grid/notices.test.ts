import { describe, expect, it } from "vitest";
import { translate } from "../../../app/i18n/i18n.js";
import type { MessageKey, MessageParams } from "../../../app/i18n/messages.js";
import { buildColumns, buildDisplayRows } from "./model.js";
import { cellName, problemMessage } from "./notices.js";
import { LINES } from "./testing.js";

const zh = (key: MessageKey, params?: MessageParams) => translate("zh-CN", key, params);
const en = (key: MessageKey, params?: MessageParams) => translate("en", key, params);
const rows = buildDisplayRows(LINES, new Set());
const year = buildColumns("YEAR");

describe("cellName", () => {
  it("names a spec row's month, a subtotal's history column, in both languages", () => {
    expect(cellName(zh, "zh-CN", rows[1], year[2])).toBe("金樽500ml · 直营 3月");
    expect(cellName(zh, "zh-CN", rows[0], year[19])).toBe("白酒 小计 全年 上年实际");
    expect(cellName(en, "en", rows[0], year[12])).toBe("白酒 subtotal Q1");
    expect(cellName(zh, "zh-CN", rows[9], year[0])).toBe("");
  });
});

describe("problemMessage", () => {
  const nameOf = (row: number, col: number) => cellName(zh, "zh-CN", rows[row], year[col]);
  it("says what was refused and that nothing was changed", () => {
    expect(problemMessage(zh, { code: "OUTSIDE", rows: 3, cols: 4, row: 5, col: 0 }, nameOf, "")).toBe(
      "粘贴的内容有 3 行 × 4 列，从所选单元格起超出了表格范围，未作任何修改。",
    );
    expect(problemMessage(zh, { code: "NOT_EDITABLE", row: 1, col: 19, access: "HISTORY" }, nameOf, "")).toBe(
      "金樽500ml · 直营 全年 上年实际 是历史数据，不能修改，未作任何修改。",
    );
    expect(problemMessage(zh, { code: "NOT_EDITABLE", row: 1, col: 0, access: "READ_ONLY" }, nameOf, "计划已批准")).toBe(
      "只读：计划已批准",
    );
    expect(problemMessage(zh, { code: "HELD", row: 2, col: 11 }, nameOf, "")).toBe(
      "金樽250ml · 直营 12月 已锁定，请先解除锁定；未作任何修改。",
    );
    expect(
      problemMessage(
        zh,
        { code: "NOT_A_NUMBER", row: 1, col: 0, text: "1.234", reason: "TOO_MANY_DECIMALS", scale: 2 },
        nameOf,
        "",
      ),
    ).toBe("金樽500ml · 直营 1月：“1.234”的小数位超过 2 位；未作任何修改。");
    expect(
      problemMessage(en, { code: "NOT_A_NUMBER", row: 1, col: 0, text: "1,23", reason: "BAD_GROUPING", scale: 2 }, nameOf, ""),
    ).toBe('金樽500ml · 直营 1月: "1,23" has commas that are not thousands separators (1,234,567.89); nothing was changed.');
    expect(problemMessage(en, { code: "NO_SOURCE" }, nameOf, "")).toBe(
      "Fill down needs several rows selected, or a row above the selected one.",
    );
  });
});
