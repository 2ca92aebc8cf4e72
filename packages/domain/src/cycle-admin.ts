// Cycle administration (HQ): the cycle's own status steps, its dates and deadlines, and the
// template sections it issues. Pure checks; the server applies them inside the transaction
// that writes the cycle.
//
//   status     PREPARING → OPEN → CONSOLIDATING → APPROVED → CLOSED, one step at a time;
//              CONSOLIDATING → OPEN again for another round ("直至通过", until it passes).
//   dates      opensOn < closesOn; every deadline inside [opensOn, closesOn]; a lower level
//              is due no later than the level above it (counties first, HQ last).
//   sections   codes A–Z, 0–9 and _ (2–40, starting with a letter), unique in the cycle;
//              titles in both languages; the template may change only while PREPARING or OPEN.
import { ORG_LEVEL_ORDER, type OrgLevel } from "./org.js";
import type { SectionPart } from "./plan-template.js";

export const CYCLE_STATUSES = ["PREPARING", "OPEN", "CONSOLIDATING", "APPROVED", "CLOSED"] as const;
export type CycleStatusCode = (typeof CYCLE_STATUSES)[number];

/** The status steps HQ may take, from → the statuses it may go to. */
export const CYCLE_STATUS_STEPS: Readonly<Record<CycleStatusCode, readonly CycleStatusCode[]>> = {
  PREPARING: ["OPEN"],
  OPEN: ["CONSOLIDATING"],
  CONSOLIDATING: ["OPEN", "APPROVED"],
  APPROVED: ["CLOSED"],
  CLOSED: [],
};

export function canChangeCycleStatus(from: CycleStatusCode, to: CycleStatusCode): boolean {
  return CYCLE_STATUS_STEPS[from].includes(to);
}

/** The template may be edited (sections added, changed, removed, reordered) only in these statuses. */
export function isTemplateEditable(status: CycleStatusCode): boolean {
  return status === "PREPARING" || status === "OPEN";
}

/** Settings and deadlines may change until the cycle is closed. */
export function isCycleSettingsEditable(status: CycleStatusCode): boolean {
  return status !== "CLOSED";
}

export const SECTION_CODE_PATTERN = /^[A-Z][A-Z0-9_]{1,39}$/;
export const CYCLE_CODE_PATTERN = /^[A-Z0-9][A-Z0-9_-]{1,31}$/;
export const MAX_SECTION_TITLE_LENGTH = 100;
export const MAX_SECTION_GUIDANCE_LENGTH = 2_000;
export const MAX_TEMPLATE_SECTIONS = 100;

export type CycleDatesProblem =
  | { readonly code: "BAD_DATE"; readonly field: string; readonly value: string }
  | { readonly code: "CLOSES_BEFORE_OPENS"; readonly opensOn: string; readonly closesOn: string }
  | { readonly code: "DEADLINE_OUTSIDE_CYCLE"; readonly level: OrgLevel; readonly dueOn: string }
  | { readonly code: "DUPLICATE_DEADLINE"; readonly level: OrgLevel }
  | { readonly code: "DEADLINE_ORDER"; readonly lower: OrgLevel; readonly upper: OrgLevel };

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD. */
export function isIsoDay(value: string): boolean {
  const match = ISO_DAY.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The first problem with a cycle's dates and deadlines, or null. Days are YYYY-MM-DD, so
 * they compare as text. Deadlines need not cover every level.
 */
export function checkCycleDates(
  opensOn: string,
  closesOn: string,
  deadlines: readonly { readonly level: OrgLevel; readonly dueOn: string }[],
): CycleDatesProblem | null {
  if (!isIsoDay(opensOn)) return { code: "BAD_DATE", field: "opensOn", value: opensOn };
  if (!isIsoDay(closesOn)) return { code: "BAD_DATE", field: "closesOn", value: closesOn };
  if (closesOn <= opensOn) return { code: "CLOSES_BEFORE_OPENS", opensOn, closesOn };
  const seen = new Set<OrgLevel>();
  for (const { level, dueOn } of deadlines) {
    if (!isIsoDay(dueOn)) return { code: "BAD_DATE", field: `deadline.${level}`, value: dueOn };
    if (seen.has(level)) return { code: "DUPLICATE_DEADLINE", level };
    seen.add(level);
    if (dueOn < opensOn || dueOn > closesOn) return { code: "DEADLINE_OUTSIDE_CYCLE", level, dueOn };
  }
  // Lower levels (larger order) are due no later than the levels above them.
  const sorted = [...deadlines].sort((a, b) => ORG_LEVEL_ORDER[b.level] - ORG_LEVEL_ORDER[a.level]);
  for (let i = 1; i < sorted.length; i++) {
    const lower = sorted[i - 1]!;
    const upper = sorted[i]!;
    if (lower.dueOn > upper.dueOn) return { code: "DEADLINE_ORDER", lower: lower.level, upper: upper.level };
  }
  return null;
}

export interface TemplateSectionInput {
  readonly code: string;
  readonly part: SectionPart;
  readonly titleZh: string;
  readonly titleEn: string;
  readonly guidanceZh?: string | null;
  readonly guidanceEn?: string | null;
  readonly required: boolean;
}

export type TemplateSectionProblem =
  | { readonly code: "BAD_SECTION_CODE"; readonly value: string }
  | { readonly code: "EMPTY_TITLE"; readonly section: string; readonly language: "zh" | "en" }
  | { readonly code: "TITLE_TOO_LONG"; readonly section: string; readonly max: number }
  | { readonly code: "GUIDANCE_TOO_LONG"; readonly section: string; readonly max: number }
  | { readonly code: "DUPLICATE_SECTION"; readonly section: string }
  | { readonly code: "TOO_MANY_SECTIONS"; readonly max: number };

/** The first problem with one section's fields, or null. */
export function checkTemplateSection(section: TemplateSectionInput): TemplateSectionProblem | null {
  if (!SECTION_CODE_PATTERN.test(section.code)) return { code: "BAD_SECTION_CODE", value: section.code };
  if (section.titleZh.trim() === "") return { code: "EMPTY_TITLE", section: section.code, language: "zh" };
  if (section.titleEn.trim() === "") return { code: "EMPTY_TITLE", section: section.code, language: "en" };
  if (section.titleZh.length > MAX_SECTION_TITLE_LENGTH || section.titleEn.length > MAX_SECTION_TITLE_LENGTH) {
    return { code: "TITLE_TOO_LONG", section: section.code, max: MAX_SECTION_TITLE_LENGTH };
  }
  if (
    (section.guidanceZh?.length ?? 0) > MAX_SECTION_GUIDANCE_LENGTH ||
    (section.guidanceEn?.length ?? 0) > MAX_SECTION_GUIDANCE_LENGTH
  ) {
    return { code: "GUIDANCE_TOO_LONG", section: section.code, max: MAX_SECTION_GUIDANCE_LENGTH };
  }
  return null;
}

/** The first problem with a whole template (every section, unique codes, the size), or null. */
export function checkTemplate(sections: readonly TemplateSectionInput[]): TemplateSectionProblem | null {
  if (sections.length > MAX_TEMPLATE_SECTIONS) return { code: "TOO_MANY_SECTIONS", max: MAX_TEMPLATE_SECTIONS };
  const codes = new Set<string>();
  for (const section of sections) {
    const problem = checkTemplateSection(section);
    if (problem !== null) return problem;
    if (codes.has(section.code)) return { code: "DUPLICATE_SECTION", section: section.code };
    codes.add(section.code);
  }
  return null;
}
