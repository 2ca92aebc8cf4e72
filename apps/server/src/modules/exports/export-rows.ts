// What the budget and targets exports share: the row shape the writers take, the header words,
// the walk over a subtree's plans a page at a time, and exact money in fen on the hot path.
//
// Fen: an export adds about 1.2 million monthly amounts at national scale, so amounts are
// integers of fen held as a Number while that is exact and as a bigint beyond: every Number
// here is an integer of at most 2^52 in magnitude, so the sum of two is exact (at most 2^53)
// and is turned into a bigint when it leaves that range. Floats never hold a fraction of a fen.
import type { ExportPlanRecord, Repositories } from "@pyramid/db";
import { Fixed } from "@pyramid/domain";
import type { ExportLocale } from "./exports.inputs.js";

export const MONTHS = 12;
/** Plans per page: one keyset read of plans, then one read of their figures. */
export const EXPORT_PAGE_SIZE = 250;

export type ExportRowKind = "LINE" | "UNIT_TOTAL" | "GRAND_TOTAL";

/**
 * One row of a table: its text columns, then 12 month amounts and the year's, each as exact
 * decimal text with two places ("-12.30", "0.00"), or "" for no figure (an empty cell).
 */
export interface ExportRow {
  readonly kind: ExportRowKind;
  readonly texts: readonly string[];
  readonly amounts: readonly string[];
}

export interface MissingPlan {
  readonly unitCode: string;
  readonly unitName: string;
}

/** What a finished stream of rows knows at its end. */
export interface ExportProgress {
  rows: number;
  plans: number;
  readonly missing: MissingPlan[];
}

/** An amount in fen: a Number (an integer, |n| ≤ 2^52) or, beyond that, a bigint. */
export type Fen = number | bigint;

const SMALL = 2 ** 52;
const SMALL_BIG = BigInt(SMALL);
const PLAIN_DECIMAL = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;
/** Two places and at most 15 digits: |fen| < 10^15 < 2^52, read as a Number exactly. */
const SHORT_CANONICAL = /^-?\d{1,13}\.\d\d$/;

/**
 * The database's decimal text ("1234.5", "-0.01") as money, exactly: not the user-input
 * grammar of Fixed.parse (which reads "1,234", "3万"); anything but plain decimal text with at
 * most two places goes through that grammar and its refusals.
 */
export function money(text: string): Fixed {
  const match = PLAIN_DECIMAL.exec(text);
  if (!match) return Fixed.parse(text, 2);
  const fen = BigInt(match[2]!) * 100n + BigInt((match[3] ?? "").padEnd(2, "0"));
  return Fixed.fromUnits(match[1] === "-" ? -fen : fen, 2);
}

function normalise(fen: bigint): Fen {
  return fen <= SMALL_BIG && fen >= -SMALL_BIG ? Number(fen) : fen;
}

/** Decimal text as fen; "12.30" and other two-place text of up to 15 digits without a bigint. */
export function fenOf(text: string): Fen {
  if (SHORT_CANONICAL.test(text)) return Number(text.slice(0, -3) + text.slice(-2));
  return normalise(money(text).units);
}

export function addFen(a: Fen, b: Fen): Fen {
  if (typeof a === "number" && typeof b === "number") {
    const sum = a + b;
    return sum <= SMALL && sum >= -SMALL ? sum : BigInt(sum);
  }
  return normalise(BigInt(a) + BigInt(b));
}

/** Fen as decimal text with two places: 12345 → "123.45", -5 → "-0.05", 0 → "0.00". */
export function formatFen(fen: Fen): string {
  if (typeof fen === "bigint") return Fixed.fromUnits(fen, 2).toString();
  const negative = fen < 0;
  const abs = negative ? -fen : fen;
  const cents = abs % 100;
  return `${negative ? "-" : ""}${(abs - cents) / 100}.${cents < 10 ? "0" : ""}${cents}`;
}

/** Twelve months of fen, all zero. */
export const zeroMonths = (): Fen[] => new Array<Fen>(MONTHS).fill(0);

/** Adds `months` into `total`, month by month. */
export function addMonths(total: Fen[], months: readonly Fen[]) {
  for (let i = 0; i < MONTHS; i += 1) total[i] = addFen(total[i]!, months[i]!);
}

/** The row's amounts: the twelve months and their sum, the year. */
export function amountsOf(months: readonly Fen[]): string[] {
  const amounts = new Array<string>(MONTHS + 1);
  let year: Fen = 0;
  for (let i = 0; i < MONTHS; i += 1) {
    year = addFen(year, months[i]!);
    amounts[i] = formatFen(months[i]!);
  }
  amounts[MONTHS] = formatFen(year);
  return amounts;
}

export interface TableWords {
  readonly months: readonly string[];
  readonly year: string;
  readonly total: string;
  readonly grand: string;
}

export const TABLE_WORDS: Record<ExportLocale, TableWords> = {
  "zh-CN": {
    months: Array.from({ length: MONTHS }, (_, i) => `${i + 1}月`),
    year: "全年",
    total: "单位合计",
    grand: "总计",
  },
  en: {
    months: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    year: "Year",
    total: "Unit total",
    grand: "Grand total",
  },
};

/** A table's header: its text columns, the months, the year. */
export function tableHeaders(locale: ExportLocale, texts: readonly string[]): string[] {
  const words = TABLE_WORDS[locale];
  return [...texts, ...words.months, words.year];
}

export const localName = (locale: ExportLocale) => (record: { nameZh: string; nameEn: string }) =>
  locale === "en" ? record.nameEn : record.nameZh;

export const unitNameOf = (locale: ExportLocale) => (plan: ExportPlanRecord) =>
  locale === "en" ? plan.unitNameEn : plan.unitNameZh;

/**
 * The plans of the cycle in the subtree at `rootPath`, a page at a time, depth-first by the
 * unit's path (keyset: each page starts after the last path of the one before).
 */
export async function* planPages(
  repositories: Repositories,
  { cycleId, rootPath, pageSize }: { cycleId: string; rootPath: string; pageSize: number },
): AsyncGenerator<ExportPlanRecord[]> {
  let afterPath: string | null = null;
  for (;;) {
    const page = await repositories.exports.subtreePlanPage({ cycleId, rootPath, afterPath, limit: pageSize });
    if (page.length === 0) return;
    yield page;
    if (page.length < pageSize) return;
    afterPath = page[page.length - 1]!.unitPath;
  }
}
