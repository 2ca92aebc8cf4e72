// Deadlines are calendar days in the company's time zone (China, UTC+8, no
// daylight saving): a deadline "2026-12-10" is met until 2026-12-10 24:00 Beijing time.

/** The company's offset from UTC, in minutes. */
export const COMPANY_UTC_OFFSET_MINUTES = 8 * 60;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The instant a deadline day ends: the next midnight in the company's time zone. */
export function deadlineEnd(dueOn: string, utcOffsetMinutes: number = COMPANY_UTC_OFFSET_MINUTES): Date {
  const match = ISO_DATE.exec(dueOn);
  if (!match) throw new RangeError(`"${dueOn}" is not a YYYY-MM-DD date`);
  const [, year, month, day] = match;
  const nextMidnightUtc = Date.UTC(Number(year), Number(month) - 1, Number(day) + 1);
  return new Date(nextMidnightUtc - utcOffsetMinutes * 60_000);
}

/** True once the deadline day is over. */
export function isPastDeadline(dueOn: string, now: Date, utcOffsetMinutes: number = COMPANY_UTC_OFFSET_MINUTES): boolean {
  return now.getTime() >= deadlineEnd(dueOn, utcOffsetMinutes).getTime();
}

/** A database date (midnight UTC of the calendar day) as "YYYY-MM-DD". */
export function isoDateOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A deadline this many days away or fewer is "near" (the activity feed's notices). */
export const DEADLINE_NEAR_DAYS = 7;

/** The calendar day it is at `now` in the company's time zone, "YYYY-MM-DD". */
export function companyDayOf(now: Date, utcOffsetMinutes: number = COMPANY_UTC_OFFSET_MINUTES): string {
  return new Date(now.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/**
 * Where a deadline stands at `now`: `daysLeft` whole calendar days (Beijing time) until the
 * deadline day (0 on the day itself, negative once it is over); PASSED once the day is over,
 * NEAR within `nearDays`, else null.
 */
export function deadlineState(
  dueOn: string,
  now: Date,
  nearDays: number = DEADLINE_NEAR_DAYS,
  utcOffsetMinutes: number = COMPANY_UTC_OFFSET_MINUTES,
): { readonly state: "NEAR" | "PASSED" | null; readonly daysLeft: number } {
  if (!ISO_DATE.test(dueOn)) throw new RangeError(`"${dueOn}" is not a YYYY-MM-DD date`);
  const today = companyDayOf(now, utcOffsetMinutes);
  const daysLeft = Math.round((Date.parse(`${dueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  if (isPastDeadline(dueOn, now, utcOffsetMinutes)) return { state: "PASSED", daysLeft };
  return { state: daysLeft <= nearDays ? "NEAR" : null, daysLeft };
}
