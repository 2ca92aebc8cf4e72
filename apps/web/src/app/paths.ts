// Addresses of the app's pages, in one place. URLs name things by code, not id
// (docs/UI.md), so a link pasted into WeChat opens the same view for anyone in scope.

/** The plan workbench's tabs, in the order the workbench shows them (docs/UI.md). */
export const PLAN_TABS = ["overview", "targets", "expenses", "document", "comments", "activity", "versions"] as const;
export type PlanTab = (typeof PLAN_TABS)[number];

/** A unit's page: `/units/CONGHUA`. */
export function unitPath(unitCode: string): string {
  return `/units/${encodeURIComponent(unitCode)}`;
}

/** A unit's plan in the workbench: `/plans/CONGHUA/2027`, or a tab of it, `/plans/CONGHUA/2027/targets`. */
export function planPath(unitCode: string, year: number, tab?: PlanTab): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`${year} is not a plan year`);
  const base = `/plans/${encodeURIComponent(unitCode)}/${year}`;
  return tab === undefined ? base : `${base}/${tab}`;
}

/** A parent's review screen (审核): `/review/GZ/2027`. */
export function reviewPath(unitCode: string, year: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`${year} is not a plan year`);
  return `/review/${encodeURIComponent(unitCode)}/${year}`;
}

/** A unit's dashboard (看板) for a year: `/dashboard/GZ/2026`. */
export function dashboardPath(unitCode: string, year: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`${year} is not a plan year`);
  return `/dashboard/${encodeURIComponent(unitCode)}/${year}`;
}
