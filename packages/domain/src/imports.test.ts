import { describe, expect, it } from "vitest";
import { cellDimensionKey } from "./cell-key.js";
import {
  AMBIGUOUS,
  buildImportLookup,
  createImportRowValidator,
  detectImportEncoding,
  importTemplate,
  mapImportColumns,
  parseImportMonth,
  sniffImportDelimiter,
  unitsToDecimalText,
  type ImportCatalogue,
  type ImportMetric,
} from "./imports.js";

const METRICS: ImportMetric[] = [
  { id: "m-rev", code: "SALES_REVENUE", nameZh: "销售额", nameEn: "Sales revenue", scale: 2, allowNegative: false },
  { id: "m-vol", code: "SALES_VOLUME", nameZh: "销量", nameEn: "Sales volume", scale: 0, allowNegative: false },
  { id: "m-gp", code: "GROSS_PROFIT", nameZh: "毛利", nameEn: "Gross profit", scale: 2, allowNegative: true },
];

const catalogue: ImportCatalogue = {
  units: buildImportLookup([
    { code: "K1", names: ["东城县", "East"], entry: { id: "u1", index: 0, inScope: true } },
    { code: "K2", names: ["西城县", "West"], entry: { id: "u2", index: 1, inScope: true } },
    { code: "K3", names: ["南城县", "South"], entry: { id: "u3", index: 2, inScope: false } },
  ]),
  specs: buildImportLookup([
    { code: "S500", names: ["精品500ml"], entry: { id: "s1", index: 0 } },
    { code: "S250", names: ["精品500ml"], entry: { id: "s2", index: 1 } },
  ]),
  channels: buildImportLookup([{ code: "RETAIL", names: ["商超"], entry: { id: "c1", index: 0 } }]),
  terminals: buildImportLookup([{ code: "T1", names: ["一号店"], entry: { id: "t1", index: 0, countyId: "u1" } }]),
  distributors: buildImportLookup([{ code: "D1", names: ["甲"], entry: { id: "d1", index: 0, countyId: "u1" } }]),
  items: buildImportLookup([{ code: "PERSONNEL_SALARY", names: ["工资", "salaries"], entry: { id: "i1", index: 0 } }]),
  metrics: METRICS,
};

describe("columns by header", () => {
  it("finds zh-CN and English headers in any order, ignoring case, width and spaces; metrics by code, name or alias", () => {
    const columns = mapImportColumns("SALES_ACTUALS", ["月 份", "UNIT", "品规", "金额", "Sales Volume", "GROSS_PROFIT", "备注"], METRICS, "en");
    expect(columns.errors).toEqual([]);
    expect(columns.fields).toEqual({ month: 0, unit: 1, spec: 2 });
    expect(columns.metrics.map((m) => [m.index, m.metric.code])).toEqual([
      [3, "SALES_REVENUE"],
      [4, "SALES_VOLUME"],
      [5, "GROSS_PROFIT"],
    ]);
  });

  it("names each missing column in the upload's language", () => {
    expect(mapImportColumns("EXPENSE_ACTUALS", ["单位", "月份"], METRICS, "zh-CN").errors).toEqual([
      { row: 1, column: "费用项目", code: "MISSING_COLUMN", message: "缺少列 费用项目" },
      { row: 1, column: "金额", code: "MISSING_COLUMN", message: "缺少列 金额" },
    ]);
    expect(mapImportColumns("SALES_ACTUALS", ["Unit", "Month"], METRICS, "en").errors.map((e) => e.code)).toEqual(["MISSING_COLUMN"]);
  });

  it("the template maps back onto its own columns", () => {
    for (const locale of ["zh-CN", "en"] as const) {
      const { header } = importTemplate("SALES_ACTUALS", locale);
      const columns = mapImportColumns("SALES_ACTUALS", header, [...METRICS, { ...METRICS[0]!, id: "m-col", code: "COLLECTION", nameZh: "回款", nameEn: "Collection" }], locale);
      expect(columns.errors).toEqual([]);
      expect(columns.metrics).toHaveLength(4);
      expect(mapImportColumns("EXPENSE_ACTUALS", importTemplate("EXPENSE_ACTUALS", locale).header, [], locale).errors).toEqual([]);
    }
  });
});

describe("lookups, months, numbers", () => {
  it("codes win over names; a name shared by two records is ambiguous", () => {
    expect(catalogue.specs.get("s500")).toMatchObject({ id: "s1" });
    expect(catalogue.specs.get("精品500ml")).toBe(AMBIGUOUS);
    expect(catalogue.units.get("east")).toMatchObject({ id: "u1" });
  });

  it.each([
    ["3", 3],
    ["03", 3],
    ["3月", 3],
    ["2026-03", 3],
    ["2026/3", 3],
    ["2026.12", 12],
    ["202611", 11],
    ["2026年3月", 3],
    ["１２", 12],
  ])("month %s → %i", (text, month) => expect(parseImportMonth(text, 2026)).toEqual({ ok: true, month }));

  it.each([
    ["13", "BAD_MONTH"],
    ["0", "BAD_MONTH"],
    ["March", "BAD_MONTH"],
    ["2025-03", "YEAR_MISMATCH"],
    ["", "MISSING_VALUE"],
  ])("month %s → %s", (text, code) => expect(parseImportMonth(text, 2026)).toEqual({ ok: false, code }));

  it("writes units at any scale as two-decimal text", () => {
    expect(unitsToDecimalText(12n, 0)).toBe("12.00");
    expect(unitsToDecimalText(-5n, 2)).toBe("-0.05");
    expect(unitsToDecimalText(123456n, 2)).toBe("1234.56");
  });
});

describe("rows", () => {
  const salesColumns = mapImportColumns("SALES_ACTUALS", ["单位", "年", "月份", "品规", "渠道", "终端", "销售额", "销量", "毛利"], METRICS, "en");
  const batch = { kind: "SALES_ACTUALS" as const, year: 2026, monthFrom: 1, monthTo: 6 };

  it("a good row gives one fact per non-empty metric cell, with the canonical dimension key", () => {
    const validate = createImportRowValidator(batch, catalogue, salesColumns, "en");
    const { errors, facts } = validate(["东城县", "2026", "2", "S500", "商超", "T1", "¥1,234.50", "12", "-3.5"], 2);
    expect(errors).toEqual([]);
    const key = cellDimensionKey({ productSpecId: "s1", channelId: "c1", terminalId: "t1" });
    expect(facts).toEqual([
      { unitId: "u1", targetId: "m-rev", month: 2, productSpecId: "s1", channelId: "c1", terminalId: "t1", distributorId: null, dimensionKey: key, value: "1234.50" },
      { unitId: "u1", targetId: "m-vol", month: 2, productSpecId: "s1", channelId: "c1", terminalId: "t1", distributorId: null, dimensionKey: key, value: "12.00" },
      { unitId: "u1", targetId: "m-gp", month: 2, productSpecId: "s1", channelId: "c1", terminalId: "t1", distributorId: null, dimensionKey: key, value: "-3.50" },
    ]);
  });

  it("reports every problem of a row, with the column as the file names it", () => {
    const validate = createImportRowValidator(batch, catalogue, salesColumns, "en");
    expect(validate(["K3", "2025", "8", "精品500ml", "X", "", "1.234", "-1", ""], 7).errors).toEqual([
      { row: 7, column: "单位", code: "UNIT_OUT_OF_SCOPE", message: 'Unit "K3" is outside this import\'s scope' },
      { row: 7, column: "年", code: "YEAR_MISMATCH", message: 'Year "2025" is not 2026' },
      { row: 7, column: "月份", code: "MONTH_OUT_OF_PERIOD", message: 'Month "8" is outside months 1–6' },
      { row: 7, column: "品规", code: "AMBIGUOUS_NAME", message: 'The name "精品500ml" matches more than one record: use the code' },
      { row: 7, column: "渠道", code: "UNKNOWN_CHANNEL", message: 'Unknown channel "X"' },
      { row: 7, column: "销售额", code: "TOO_MANY_DECIMALS", message: '"1.234" has more than 2 decimal places' },
      { row: 7, column: "销量", code: "NEGATIVE_NOT_ALLOWED", message: '销量 may not be negative: "-1"' },
    ]);
    expect(validate(["K2", "", "1", "", "", "T1", "", "", ""], 8).errors).toEqual([
      { row: 8, column: "终端", code: "TERMINAL_OUTSIDE_UNIT", message: 'Terminal "T1" does not belong to this unit' },
      { row: 8, column: "销售额", code: "MISSING_VALUE", message: "销售额 is empty" },
    ]);
  });

  it("a key met again is refused on the later row; other metrics of the same dimensions are not duplicates", () => {
    const validate = createImportRowValidator(batch, catalogue, salesColumns, "zh-CN");
    expect(validate(["K1", "", "1", "S500", "", "", "100", "", ""], 2).errors).toEqual([]);
    expect(validate(["K1", "", "1", "S500", "", "", "", "5", ""], 3).errors).toEqual([]);
    expect(validate(["K1", "", "01", "s500", "", "", "", "", "9"], 4).errors).toEqual([]);
    expect(validate(["K1", "", "1", "S500", "", "", "", "6", ""], 5).errors).toEqual([
      { row: 5, column: "", code: "DUPLICATE_KEY", message: "与第 2 行重复" },
    ]);
    expect(validate(["K1", "", "2", "S500", "", "", "", "6", ""], 6).errors).toEqual([]);
  });

  it("expenses: an item, a terminal or a distributor (not both), a non-negative amount", () => {
    const columns = mapImportColumns("EXPENSE_ACTUALS", ["单位", "月份", "费用项目", "终端", "经销商", "金额"], [], "zh-CN");
    const validate = createImportRowValidator({ ...batch, kind: "EXPENSE_ACTUALS", monthTo: 12 }, catalogue, columns, "zh-CN");
    expect(validate(["K1", "1", "工资", "", "D1", "8,000"], 2)).toEqual({
      errors: [],
      facts: [
        { unitId: "u1", targetId: "i1", month: 1, productSpecId: null, channelId: null, terminalId: null, distributorId: "d1", dimensionKey: "distributor=d1", value: "8000.00" },
      ],
    });
    expect(validate(["K1", "1", "奖金", "T1", "D1", "-1"], 3).errors).toEqual([
      { row: 3, column: "经销商", code: "TERMINAL_AND_DISTRIBUTOR", message: "终端和经销商只能填一个" },
      { row: 3, column: "费用项目", code: "UNKNOWN_ITEM", message: '未知费用项目 "奖金"' },
      { row: 3, column: "金额", code: "NEGATIVE_NOT_ALLOWED", message: '金额 不能为负数："-1"' },
    ]);
    expect(validate(["K1", "1", "", "", "", "abc"], 4).errors.map((e) => e.code)).toEqual(["MISSING_VALUE", "NOT_A_NUMBER"]);
  });
});

describe("CSV text", () => {
  it("UTF-8 with a BOM, valid UTF-8 (even cut mid-character), else GB18030", () => {
    expect(detectImportEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toEqual({ encoding: "utf-8", bom: true });
    const utf8 = new TextEncoder().encode("单位,月份");
    expect(detectImportEncoding(utf8)).toEqual({ encoding: "utf-8", bom: false });
    expect(detectImportEncoding(utf8.subarray(0, 4))).toEqual({ encoding: "utf-8", bom: false });
    // 单位 in GBK: B5 A5 CE BB
    expect(detectImportEncoding(new Uint8Array([0xb5, 0xa5, 0xce, 0xbb, 0x2c]))).toEqual({ encoding: "gb18030", bom: false });
  });

  it("sniffs comma or tab outside quotes", () => {
    expect(sniffImportDelimiter("单位,月份,金额")).toBe(",");
    expect(sniffImportDelimiter("单位\t月份\t金额")).toBe("\t");
    expect(sniffImportDelimiter('"a,b,c"\t"d"\tx')).toBe("\t");
  });
});
