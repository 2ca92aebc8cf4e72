// The actuals import's rules (issue 12), pure: which column is which (headers in zh-CN or
// English), how a cell names a unit / spec / channel / terminal / distributor / item (code or
// name), months, numbers, and every row error with its message in both languages. The server
// reads the file (CSV / XLSX, streamed) and writes the facts; nothing here does I/O.
//
// A row gives facts (one per non-empty metric cell for sales; one for expenses), keyed by
// unit × metric/item × month × dimension key (cell-key.ts, the one key text). A key met twice in
// one file is an error on the later row; the earlier row stands.
import { cellDimensionKey } from "./cell-key.js";
import { readAmountUnits } from "./parse-amount.js";

export const IMPORT_KINDS = ["SALES_ACTUALS", "EXPENSE_ACTUALS"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_MODES = ["ALL_OR_NOTHING", "VALID_ONLY"] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];
export type ImportLocale = "zh-CN" | "en";

export const IMPORT_ERROR_CODES = [
  "MISSING_COLUMN",
  "UNKNOWN_UNIT",
  "UNIT_OUT_OF_SCOPE",
  "UNKNOWN_SPEC",
  "UNKNOWN_CHANNEL",
  "UNKNOWN_TERMINAL",
  "UNKNOWN_DISTRIBUTOR",
  "UNKNOWN_ITEM",
  "AMBIGUOUS_NAME",
  "TERMINAL_OUTSIDE_UNIT",
  "DISTRIBUTOR_OUTSIDE_UNIT",
  "BAD_MONTH",
  "MONTH_OUT_OF_PERIOD",
  "YEAR_MISMATCH",
  "MISSING_VALUE",
  "NOT_A_NUMBER",
  "TOO_MANY_DECIMALS",
  "NEGATIVE_NOT_ALLOWED",
  "TERMINAL_AND_DISTRIBUTOR",
  "DUPLICATE_KEY",
  "UNREADABLE_FILE",
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

export interface ImportRowError {
  /** The file's row: 1 is the header, data from 2 (0: the file as a whole). */
  readonly row: number;
  /** The column's header as the file spells it ("" when none). */
  readonly column: string;
  readonly code: ImportErrorCode;
  readonly message: string;
}

// ─────────────────────────────── messages ───────────────────────────────

export interface ImportMessageParams {
  readonly value?: string;
  readonly column?: string;
  readonly row?: number;
  readonly year?: number;
  readonly monthFrom?: number;
  readonly monthTo?: number;
  readonly scale?: number;
}

type Template = (p: ImportMessageParams) => string;
const q = (v: string | undefined) => `"${v ?? ""}"`;

const MESSAGES: Record<ImportErrorCode, { "zh-CN": Template; en: Template }> = {
  MISSING_COLUMN: { "zh-CN": (p) => `缺少列 ${p.column}`, en: (p) => `Missing column ${p.column}` },
  UNKNOWN_UNIT: { "zh-CN": (p) => `未知单位 ${q(p.value)}`, en: (p) => `Unknown unit ${q(p.value)}` },
  UNIT_OUT_OF_SCOPE: {
    "zh-CN": (p) => `单位 ${q(p.value)} 不在本次导入范围内`,
    en: (p) => `Unit ${q(p.value)} is outside this import's scope`,
  },
  UNKNOWN_SPEC: { "zh-CN": (p) => `未知品规 ${q(p.value)}`, en: (p) => `Unknown spec ${q(p.value)}` },
  UNKNOWN_CHANNEL: { "zh-CN": (p) => `未知渠道 ${q(p.value)}`, en: (p) => `Unknown channel ${q(p.value)}` },
  UNKNOWN_TERMINAL: { "zh-CN": (p) => `未知终端 ${q(p.value)}`, en: (p) => `Unknown terminal ${q(p.value)}` },
  UNKNOWN_DISTRIBUTOR: { "zh-CN": (p) => `未知经销商 ${q(p.value)}`, en: (p) => `Unknown distributor ${q(p.value)}` },
  UNKNOWN_ITEM: { "zh-CN": (p) => `未知费用项目 ${q(p.value)}`, en: (p) => `Unknown expense item ${q(p.value)}` },
  AMBIGUOUS_NAME: {
    "zh-CN": (p) => `名称 ${q(p.value)} 对应多条记录，请使用编码`,
    en: (p) => `The name ${q(p.value)} matches more than one record: use the code`,
  },
  TERMINAL_OUTSIDE_UNIT: {
    "zh-CN": (p) => `终端 ${q(p.value)} 不属于该单位`,
    en: (p) => `Terminal ${q(p.value)} does not belong to this unit`,
  },
  DISTRIBUTOR_OUTSIDE_UNIT: {
    "zh-CN": (p) => `经销商 ${q(p.value)} 不属于该单位`,
    en: (p) => `Distributor ${q(p.value)} does not belong to this unit`,
  },
  BAD_MONTH: { "zh-CN": (p) => `月份 ${q(p.value)} 无效`, en: (p) => `Month ${q(p.value)} is not a month` },
  MONTH_OUT_OF_PERIOD: {
    "zh-CN": (p) => `月份 ${q(p.value)} 不在 ${p.monthFrom}–${p.monthTo} 月内`,
    en: (p) => `Month ${q(p.value)} is outside months ${p.monthFrom}–${p.monthTo}`,
  },
  YEAR_MISMATCH: {
    "zh-CN": (p) => `年份 ${q(p.value)} 不是 ${p.year}`,
    en: (p) => `Year ${q(p.value)} is not ${p.year}`,
  },
  MISSING_VALUE: { "zh-CN": (p) => `${p.column} 为空`, en: (p) => `${p.column} is empty` },
  NOT_A_NUMBER: { "zh-CN": (p) => `${q(p.value)} 不是数字`, en: (p) => `${q(p.value)} is not a number` },
  TOO_MANY_DECIMALS: {
    "zh-CN": (p) => `${q(p.value)} 最多 ${p.scale} 位小数`,
    en: (p) => `${q(p.value)} has more than ${p.scale} decimal places`,
  },
  NEGATIVE_NOT_ALLOWED: {
    "zh-CN": (p) => `${p.column} 不能为负数：${q(p.value)}`,
    en: (p) => `${p.column} may not be negative: ${q(p.value)}`,
  },
  TERMINAL_AND_DISTRIBUTOR: {
    "zh-CN": () => `终端和经销商只能填一个`,
    en: () => `Give a terminal or a distributor, not both`,
  },
  DUPLICATE_KEY: {
    "zh-CN": (p) => `与第 ${p.row} 行重复`,
    en: (p) => `Same key as row ${p.row}`,
  },
  UNREADABLE_FILE: {
    "zh-CN": (p) => `无法读取文件：${p.value ?? ""}`,
    en: (p) => `The file cannot be read: ${p.value ?? ""}`,
  },
};

export function importErrorMessage(code: ImportErrorCode, params: ImportMessageParams, locale: ImportLocale): string {
  return MESSAGES[code][locale](params);
}

// ─────────────────────────────── columns ───────────────────────────────

export const IMPORT_FIELDS = ["unit", "year", "month", "spec", "channel", "terminal", "distributor", "item", "amount"] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Header names per field; the first of each language is the template's. Compared normalised. */
const FIELD_HEADERS: Record<ImportField, { zh: string[]; en: string[] }> = {
  unit: { zh: ["单位", "组织", "部门"], en: ["Unit", "Org unit", "Organisation unit", "Organization unit"] },
  year: { zh: ["年", "年份", "年度"], en: ["Year"] },
  month: { zh: ["月份", "月"], en: ["Month"] },
  spec: { zh: ["品规", "产品规格", "规格"], en: ["Spec", "Product spec", "SKU"] },
  channel: { zh: ["渠道"], en: ["Channel"] },
  terminal: { zh: ["终端"], en: ["Terminal"] },
  distributor: { zh: ["经销商"], en: ["Distributor"] },
  item: { zh: ["费用项目", "项目", "科目"], en: ["Item", "Expense item"] },
  amount: { zh: ["金额"], en: ["Amount"] },
};

/** Sales: 金额 / Amount means sales revenue, 数量 / Quantity sales volume. */
export const SALES_METRIC_ALIASES: Readonly<Record<string, string>> = {
  金额: "SALES_REVENUE",
  amount: "SALES_REVENUE",
  数量: "SALES_VOLUME",
  quantity: "SALES_VOLUME",
};

const REQUIRED: Record<ImportKind, readonly ImportField[]> = {
  SALES_ACTUALS: ["unit", "month"],
  EXPENSE_ACTUALS: ["unit", "month", "item", "amount"],
};
const OPTIONAL: Record<ImportKind, readonly ImportField[]> = {
  SALES_ACTUALS: ["year", "spec", "channel", "terminal", "distributor"],
  EXPENSE_ACTUALS: ["year", "terminal", "distributor"],
};

/** Headers and cells compared case-, width- and space-insensitively. */
export function normaliseImportName(text: string): string {
  let out = "";
  for (const ch of text.normalize("NFKC")) if (!/[\s\u00a0\u3000_]/.test(ch)) out += ch;
  return out.toLowerCase();
}

/** A metric as the import needs it. */
export interface ImportMetric {
  readonly id: string;
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  /** Decimal places allowed in the file (and stored; at most 2). */
  readonly scale: number;
  readonly allowNegative: boolean;
}

/** Gross profit may be negative; every other sales metric and every expense may not. */
export const NEGATIVE_ALLOWED_METRICS: readonly string[] = ["GROSS_PROFIT"];

export interface ImportColumns {
  readonly fields: Partial<Record<ImportField, number>>;
  /** Sales: the metric columns, in file order. */
  readonly metrics: readonly { readonly index: number; readonly metric: ImportMetric; readonly bit: number }[];
  /** The header as the file spells it. */
  readonly header: readonly string[];
  /** MISSING_COLUMN errors (row 1): when any, the file is refused. */
  readonly errors: readonly ImportRowError[];
}

export function mapImportColumns(
  kind: ImportKind,
  header: readonly string[],
  metrics: readonly ImportMetric[],
  locale: ImportLocale,
): ImportColumns {
  const fields: Partial<Record<ImportField, number>> = {};
  const metricColumns: { index: number; metric: ImportMetric; bit: number }[] = [];
  const wanted = new Set<ImportField>([...REQUIRED[kind], ...OPTIONAL[kind]]);
  const byName = new Map<string, ImportField>();
  for (const field of wanted)
    for (const name of [...FIELD_HEADERS[field].zh, ...FIELD_HEADERS[field].en]) byName.set(normaliseImportName(name), field);
  const metricByName = new Map<string, ImportMetric>();
  if (kind === "SALES_ACTUALS") {
    for (const metric of metrics)
      for (const name of [metric.code, metric.nameZh, metric.nameEn]) metricByName.set(normaliseImportName(name), metric);
    for (const [alias, code] of Object.entries(SALES_METRIC_ALIASES)) {
      const metric = metrics.find((m) => m.code === code);
      if (metric) metricByName.set(normaliseImportName(alias), metric);
    }
  }
  header.forEach((raw, index) => {
    const name = normaliseImportName(raw);
    if (name === "") return;
    const field = byName.get(name);
    if (field !== undefined) {
      if (fields[field] === undefined) fields[field] = index;
      return;
    }
    const metric = metricByName.get(name);
    if (metric !== undefined && !metricColumns.some((c) => c.metric.id === metric.id))
      metricColumns.push({ index, metric, bit: metrics.indexOf(metric) });
  });
  const errors: ImportRowError[] = [];
  const missing = (column: string) =>
    errors.push({ row: 1, column, code: "MISSING_COLUMN", message: importErrorMessage("MISSING_COLUMN", { column }, locale) });
  for (const field of REQUIRED[kind]) if (fields[field] === undefined) missing(templateHeader(field, locale));
  if (kind === "SALES_ACTUALS" && metricColumns.length === 0)
    missing(locale === "en" ? "Sales revenue / Sales volume / …" : "销售额 / 销量 / …");
  return { fields, metrics: metricColumns, header, errors };
}

function templateHeader(field: ImportField, locale: ImportLocale): string {
  return locale === "en" ? FIELD_HEADERS[field].en[0]! : FIELD_HEADERS[field].zh[0]!;
}

/** The template's header and one example row. */
export function importTemplate(kind: ImportKind, locale: ImportLocale): { header: string[]; example: string[] } {
  const h = (field: ImportField) => templateHeader(field, locale);
  const en = locale === "en";
  if (kind === "SALES_ACTUALS")
    return {
      header: [
        h("unit"),
        h("year"),
        h("month"),
        h("spec"),
        h("channel"),
        h("terminal"),
        h("distributor"),
        en ? "Sales revenue" : "销售额",
        en ? "Sales volume" : "销量",
        en ? "Gross profit" : "毛利",
        en ? "Collection" : "回款",
      ],
      example: ["COUNTY_CODE", "2026", "1", "SPEC_CODE", "RETAIL", "", "", "12345.60", "120", "5432.10", ""],
    };
  return {
    header: [h("unit"), h("year"), h("month"), h("item"), h("terminal"), h("distributor"), h("amount")],
    example: ["COUNTY_CODE", "2026", "1", "PERSONNEL_SALARY", "", "", "8000.00"],
  };
}

// ─────────────────────────────── lookups ───────────────────────────────

/** A record a cell may name, by code (first) or by name. */
export interface ImportEntry {
  readonly id: string;
  /** A small integer, unique within its kind: the file's duplicate keys are built from these. */
  readonly index: number;
}
export interface ImportUnitEntry extends ImportEntry {
  /** Inside the batch's scope (else UNIT_OUT_OF_SCOPE). */
  readonly inScope: boolean;
}
export interface ImportOwnedEntry extends ImportEntry {
  /** The county the terminal / distributor belongs to. */
  readonly countyId: string;
}

export const AMBIGUOUS = Symbol("ambiguous");
export type ImportLookup<T> = ReadonlyMap<string, T | typeof AMBIGUOUS>;

/** Codes win over names; a name shared by two records (and no code) is AMBIGUOUS. */
export function buildImportLookup<T extends ImportEntry>(
  records: readonly { readonly code: string; readonly names: readonly string[]; readonly entry: T }[],
): ImportLookup<T> {
  const map = new Map<string, T | typeof AMBIGUOUS>();
  const codes = new Set<string>();
  for (const { code, entry } of records) {
    const key = normaliseImportName(code);
    map.set(key, entry);
    codes.add(key);
  }
  for (const { names, entry } of records)
    for (const name of names) {
      const key = normaliseImportName(name);
      if (key === "" || codes.has(key)) continue;
      const found = map.get(key);
      if (found === undefined) map.set(key, entry);
      else if (found !== AMBIGUOUS && found.id !== entry.id) map.set(key, AMBIGUOUS);
    }
  return map;
}

export interface ImportCatalogue {
  readonly units: ImportLookup<ImportUnitEntry>;
  readonly specs: ImportLookup<ImportEntry>;
  readonly channels: ImportLookup<ImportEntry>;
  readonly terminals: ImportLookup<ImportOwnedEntry>;
  readonly distributors: ImportLookup<ImportOwnedEntry>;
  readonly items: ImportLookup<ImportEntry>;
  /** Sales metrics (Metric rows), in a fixed order (bit positions of the duplicate check). */
  readonly metrics: readonly ImportMetric[];
}

// ─────────────────────────────── months ───────────────────────────────

export type MonthParse = { ok: true; month: number } | { ok: false; code: "BAD_MONTH" | "YEAR_MISMATCH" | "MISSING_VALUE" };

/** "3", "03", "3月", "2026-03", "2026/3", "2026.3", "202603", "2026年3月". */
export function parseImportMonth(text: string, year: number): MonthParse {
  const s = text.normalize("NFKC").trim();
  if (s === "") return { ok: false, code: "MISSING_VALUE" };
  let m = /^(\d{1,2})\s*月?$/.exec(s);
  let y: string | undefined;
  if (!m) {
    const withYear = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?$/.exec(s) ?? /^(\d{4})(\d{2})$/.exec(s);
    if (!withYear) return { ok: false, code: "BAD_MONTH" };
    y = withYear[1];
    m = [withYear[0], withYear[2]!] as unknown as RegExpExecArray;
  }
  const month = Number(m[1]);
  if (!Number.isInteger(month) || month < 1 || month > 12) return { ok: false, code: "BAD_MONTH" };
  if (y !== undefined && Number(y) !== year) return { ok: false, code: "YEAR_MISMATCH" };
  return { ok: true, month };
}

// ─────────────────────────────── rows ───────────────────────────────

/** One value to write: SalesActual (targetId = metric) or ExpenseActual (targetId = item). */
export interface ImportFact {
  readonly unitId: string;
  readonly targetId: string;
  readonly month: number;
  readonly productSpecId: string | null;
  readonly channelId: string | null;
  readonly terminalId: string | null;
  readonly distributorId: string | null;
  readonly dimensionKey: string;
  /** Exact decimal text at scale 2. */
  readonly value: string;
}

export interface ImportRowResult {
  readonly errors: readonly ImportRowError[];
  readonly facts: readonly ImportFact[];
}

export interface ImportBatchScope {
  readonly kind: ImportKind;
  readonly year: number;
  readonly monthFrom: number;
  readonly monthTo: number;
}

/** Text of `units` at `scale`, padded to 2 places (the columns' scale). */
export function unitsToDecimalText(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  const whole = scale === 0 ? digits : digits.slice(0, -scale);
  const frac = (scale === 0 ? "" : digits.slice(-scale)).padEnd(2, "0");
  return `${negative ? "-" : ""}${whole}.${frac}`;
}

/**
 * The row validator of one file: call it once per data row, in file order. It keeps the keys
 * seen so far (a small-integer text per fact, not the ids) to refuse a key met again.
 */
export function createImportRowValidator(
  batch: ImportBatchScope,
  catalogue: ImportCatalogue,
  columns: ImportColumns,
  locale: ImportLocale,
): (cells: readonly string[], row: number) => ImportRowResult {
  const seen = new Map<string, number>();
  const { fields, header } = columns;
  const MASK = 2 ** 21;
  const cell = (cells: readonly string[], field: ImportField) => {
    const index = fields[field];
    return index === undefined ? "" : (cells[index] ?? "").trim();
  };
  const columnName = (field: ImportField) => {
    const index = fields[field];
    return index === undefined ? "" : (header[index] ?? "");
  };

  return (cells, row) => {
    const errors: ImportRowError[] = [];
    const fail = (column: string, code: ImportErrorCode, params: ImportMessageParams = {}) =>
      errors.push({ row, column, code, message: importErrorMessage(code, { column, ...params }, locale) });

    function look<T extends ImportEntry>(field: ImportField, lookup: ImportLookup<T>, unknown: ImportErrorCode): T | null {
      const text = cell(cells, field);
      if (text === "") return null;
      const found = lookup.get(normaliseImportName(text));
      if (found === undefined) fail(columnName(field), unknown, { value: text });
      else if (found === AMBIGUOUS) fail(columnName(field), "AMBIGUOUS_NAME", { value: text });
      else return found;
      return null;
    }

    // unit
    let unit: ImportUnitEntry | null = null;
    const unitText = cell(cells, "unit");
    if (unitText === "") fail(columnName("unit"), "MISSING_VALUE");
    else {
      unit = look("unit", catalogue.units, "UNKNOWN_UNIT");
      if (unit && !unit.inScope) {
        fail(columnName("unit"), "UNIT_OUT_OF_SCOPE", { value: unitText });
        unit = null;
      }
    }
    // year, month
    const yearText = cell(cells, "year");
    if (yearText !== "" && Number(yearText.normalize("NFKC").replace(/年$/, "")) !== batch.year)
      fail(columnName("year"), "YEAR_MISMATCH", { value: yearText, year: batch.year });
    const monthText = cell(cells, "month");
    const parsedMonth = parseImportMonth(monthText, batch.year);
    let month: number | null = null;
    if (!parsedMonth.ok) fail(columnName("month"), parsedMonth.code, { value: monthText, year: batch.year });
    else if (parsedMonth.month < batch.monthFrom || parsedMonth.month > batch.monthTo)
      fail(columnName("month"), "MONTH_OUT_OF_PERIOD", { value: monthText, monthFrom: batch.monthFrom, monthTo: batch.monthTo });
    else month = parsedMonth.month;
    // dimensions
    const sales = batch.kind === "SALES_ACTUALS";
    const spec = sales ? look("spec", catalogue.specs, "UNKNOWN_SPEC") : null;
    const channel = sales ? look("channel", catalogue.channels, "UNKNOWN_CHANNEL") : null;
    const terminal = look("terminal", catalogue.terminals, "UNKNOWN_TERMINAL");
    const distributor = look("distributor", catalogue.distributors, "UNKNOWN_DISTRIBUTOR");
    if (terminal && unit && terminal.countyId !== unit.id)
      fail(columnName("terminal"), "TERMINAL_OUTSIDE_UNIT", { value: cell(cells, "terminal") });
    if (distributor && unit && distributor.countyId !== unit.id)
      fail(columnName("distributor"), "DISTRIBUTOR_OUTSIDE_UNIT", { value: cell(cells, "distributor") });
    if (!sales && cell(cells, "terminal") !== "" && cell(cells, "distributor") !== "")
      fail(columnName("distributor"), "TERMINAL_AND_DISTRIBUTOR");
    const item = sales ? null : cell(cells, "item") === "" ? null : look("item", catalogue.items, "UNKNOWN_ITEM");
    if (!sales && cell(cells, "item") === "") fail(columnName("item"), "MISSING_VALUE");

    // values
    const values: { targetId: string; bit: number; value: string }[] = [];
    const readValue = (text: string, column: string, scale: number, allowNegative: boolean): string | null => {
      const parsed = readAmountUnits(text, scale);
      if (!parsed.ok) {
        fail(column, parsed.code === "TOO_MANY_DECIMALS" ? "TOO_MANY_DECIMALS" : "NOT_A_NUMBER", { value: text, scale });
        return null;
      }
      if (parsed.units < 0n && !allowNegative) {
        fail(column, "NEGATIVE_NOT_ALLOWED", { value: text });
        return null;
      }
      return unitsToDecimalText(parsed.units, scale);
    };
    if (sales) {
      let any = false;
      for (const { index, metric, bit } of columns.metrics) {
        const text = (cells[index] ?? "").trim();
        if (text === "") continue;
        any = true;
        const value = readValue(text, header[index] ?? "", Math.min(metric.scale, 2), metric.allowNegative);
        if (value !== null) values.push({ targetId: metric.id, bit, value });
      }
      if (!any && columns.metrics.length > 0) fail(header[columns.metrics[0]!.index] ?? "", "MISSING_VALUE");
    } else {
      const text = cell(cells, "amount");
      if (text === "") fail(columnName("amount"), "MISSING_VALUE");
      else {
        const value = readValue(text, columnName("amount"), 2, false);
        if (value !== null && item) values.push({ targetId: item.id, bit: 0, value });
      }
    }
    if (errors.length > 0 || unit === null || month === null) return { errors, facts: [] };

    // the key, once per file
    const dims = `${unit.index}.${month}.${spec?.index ?? ""}.${channel?.index ?? ""}.${terminal?.index ?? ""}.${distributor?.index ?? ""}${
      sales ? "" : `.${item!.index}`
    }`;
    let mask = 0;
    for (const v of values) mask |= 1 << v.bit;
    const earlier = seen.get(dims);
    if (earlier !== undefined) {
      const earlierMask = earlier % MASK;
      if ((earlierMask & mask) !== 0) {
        fail("", "DUPLICATE_KEY", { row: Math.floor(earlier / MASK) });
        return { errors, facts: [] };
      }
      seen.set(dims, earlier + mask);
    } else seen.set(dims, row * MASK + mask);

    const dimensions = {
      productSpecId: spec?.id ?? null,
      channelId: channel?.id ?? null,
      terminalId: terminal?.id ?? null,
      distributorId: distributor?.id ?? null,
    };
    const dimensionKey = cellDimensionKey(dimensions);
    return {
      errors,
      facts: values.map((v) => ({ unitId: unit.id, targetId: v.targetId, month, ...dimensions, dimensionKey, value: v.value })),
    };
  };
}

// ─────────────────────────────── CSV text ───────────────────────────────

export type ImportTextEncoding = "utf-8" | "gb18030";

/**
 * The encoding of a CSV from its first bytes: a UTF-8 BOM, or bytes that are valid UTF-8
 * (a sequence cut by the end of the sample is allowed) → UTF-8; anything else → GB18030
 * (a superset of GBK, as Excel and WPS save "CSV" on a Chinese Windows).
 */
export function detectImportEncoding(sample: Uint8Array): { encoding: ImportTextEncoding; bom: boolean } {
  if (sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf)
    return { encoding: "utf-8", bom: true };
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(sample, { stream: true });
    return { encoding: "utf-8", bom: false };
  } catch {
    return { encoding: "gb18030", bom: false };
  }
}

/** Comma or tab: whichever occurs more often outside quotes in the header line. */
export function sniffImportDelimiter(headerLine: string): "," | "\t" {
  let commas = 0;
  let tabs = 0;
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ",") commas++;
    else if (!quoted && ch === "\t") tabs++;
  }
  return tabs > commas ? "\t" : ",";
}
