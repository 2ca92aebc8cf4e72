// Planning periods. Targets are entered by month (1..12); quarters, halves and
// the year are derived from months, never stored separately.

export type Month = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12;
export type Quarter = 1 | 2 | 3 | 4;
export type Half = 1 | 2;

export type PeriodKind = "MONTH" | "QUARTER" | "HALF" | "YEAR";

/** A period inside one plan year: { kind: "QUARTER", index: 2 } is 二季度. YEAR has index 1. */
export interface Period {
  kind: PeriodKind;
  index: number;
}

export const MONTHS: readonly Month[] = Object.freeze([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as Month[]);
export const QUARTERS: readonly Quarter[] = Object.freeze([1, 2, 3, 4] as Quarter[]);
export const HALVES: readonly Half[] = Object.freeze([1, 2] as Half[]);

export function isMonth(value: number): value is Month {
  return Number.isInteger(value) && value >= 1 && value <= 12;
}

function checkMonth(month: number): Month {
  if (!isMonth(month)) throw new RangeError(`not a month (1..12): ${month}`);
  return month;
}

export function quarterOf(month: number): Quarter {
  return Math.ceil(checkMonth(month) / 3) as Quarter;
}

export function halfOf(month: number): Half {
  return (checkMonth(month) <= 6 ? 1 : 2) as Half;
}

/** The months a period covers, in calendar order. */
export function monthsOf(period: Period): Month[] {
  switch (period.kind) {
    case "MONTH":
      return [checkMonth(period.index)];
    case "QUARTER": {
      if (!Number.isInteger(period.index) || period.index < 1 || period.index > 4) {
        throw new RangeError(`not a quarter (1..4): ${period.index}`);
      }
      const first = (period.index - 1) * 3 + 1;
      return [first, first + 1, first + 2] as Month[];
    }
    case "HALF": {
      if (period.index !== 1 && period.index !== 2) throw new RangeError(`not a half (1..2): ${period.index}`);
      return MONTHS.slice(period.index === 1 ? 0 : 6, period.index === 1 ? 6 : 12);
    }
    case "YEAR":
      return [...MONTHS];
  }
}

/** Months 1..month inclusive: the year-to-date window. */
export function monthsToDate(month: number): Month[] {
  return MONTHS.slice(0, checkMonth(month));
}

/** The two interface languages. */
export type Locale = "zh-CN" | "en";

const QUARTER_ZH = ["一季度", "二季度", "三季度", "四季度"] as const;
const HALF_ZH = ["上半年", "下半年"] as const;
const MONTH_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** Short display label: 3月 / Mar, 一季度 / Q1, 上半年 / H1, 全年 / Year. */
export function periodLabel(period: Period, locale: Locale): string {
  const zh = locale === "zh-CN";
  switch (period.kind) {
    case "MONTH":
      checkMonth(period.index);
      return zh ? `${period.index}月` : (MONTH_EN[period.index - 1] ?? "");
    case "QUARTER":
      monthsOf(period);
      return zh ? (QUARTER_ZH[period.index - 1] ?? "") : `Q${period.index}`;
    case "HALF":
      monthsOf(period);
      return zh ? (HALF_ZH[period.index - 1] ?? "") : `H${period.index}`;
    case "YEAR":
      return zh ? "全年" : "Year";
  }
}

export function monthPeriod(index: number): Period {
  return { kind: "MONTH", index: checkMonth(index) };
}
export function quarterPeriod(index: number): Period {
  const p: Period = { kind: "QUARTER", index };
  monthsOf(p);
  return p;
}
export function halfPeriod(index: number): Period {
  const p: Period = { kind: "HALF", index };
  monthsOf(p);
  return p;
}
export const YEAR_PERIOD: Period = Object.freeze({ kind: "YEAR", index: 1 });
