// A section of the plan document as the Document tab keeps it: what the server
// last said (body, version, who and when, links), whatever API answer it came
// from (the query's PlanSection or a write's PlanSectionState), and the small
// rules around it: which version a write sends, when the links differ, and
// whether a new link may be added.
import { MAX_SECTION_LINKS } from "@pyramid/domain";
import type { PlanDocumentSectionFragment, PlanSectionStateFieldsFragment } from "../../../graphql/generated/graphql.js";

/** A target a method section serves: a metric and optionally one spec. */
export interface SectionLink {
  readonly metricId: string;
  readonly productSpecId: string | null;
}

/** What the server holds of a section, as far as this tab knows. */
export interface SectionState {
  readonly body: string;
  /** 0 until the section is first saved. */
  readonly version: number;
  readonly updatedBy: { readonly id: string; readonly displayName: string } | null;
  readonly updatedAt: string | null;
  readonly links: readonly SectionLink[];
}

const linkOf = (link: { readonly metricId: string; readonly productSpecId: string | null }): SectionLink => ({
  metricId: link.metricId,
  productSpecId: link.productSpecId,
});

export function stateOfSection(section: PlanDocumentSectionFragment): SectionState {
  return {
    body: section.body,
    version: section.version,
    updatedBy: section.updatedBy && { id: section.updatedBy.id, displayName: section.updatedBy.displayName },
    updatedAt: section.updatedAt,
    links: section.links.map(linkOf),
  };
}

/** A write's answer; null (a conflict on a section that was never saved) is the empty, unsaved section. */
export function stateOfSaved(saved: PlanSectionStateFieldsFragment | null): SectionState {
  if (saved === null) return { body: "", version: 0, updatedBy: null, updatedAt: null, links: [] };
  return {
    body: saved.body,
    version: saved.version,
    updatedBy: saved.updatedBy && { id: saved.updatedBy.id, displayName: saved.updatedBy.displayName },
    updatedAt: saved.updatedAt,
    links: saved.links.map(linkOf),
  };
}

/** The expectedVersion a write sends: the version read, or null for a section never saved (version 0). */
export function expectedVersionOf(state: SectionState): number | null {
  return state.version === 0 ? null : state.version;
}

export function linkKey(link: SectionLink): string {
  return `${link.metricId}|${link.productSpecId ?? ""}`;
}

/** The same targets, in any order. */
export function sameLinks(a: readonly SectionLink[], b: readonly SectionLink[]): boolean {
  if (a.length !== b.length) return false;
  const keys = new Set(a.map(linkKey));
  return b.every((link) => keys.has(linkKey(link)));
}

export type AddLinkProblem = "DUPLICATE" | "TOO_MANY";

/** Whether `link` may join `links`: not twice, and at most MAX_SECTION_LINKS (the server's rules). */
export function addLinkProblem(links: readonly SectionLink[], link: SectionLink): AddLinkProblem | null {
  if (links.some((existing) => linkKey(existing) === linkKey(link))) return "DUPLICATE";
  if (links.length >= MAX_SECTION_LINKS) return "TOO_MANY";
  return null;
}

/** The id of a section's block on the tab: an overview finding links to `#section-<code>`. */
export function sectionAnchor(code: string): string {
  return `section-${code}`;
}

/**
 * The section as the document query holds it, after a write (or after taking the other
 * person's version): the cached document then matches what the server has, so the tab
 * opened again starts from the right version.
 */
export function patchSection(
  section: PlanDocumentSectionFragment,
  state: SectionState,
  codes: { readonly metricCode: (id: string) => string; readonly specCode: (id: string) => string | null },
): PlanDocumentSectionFragment {
  // The cache normalises by __typename and id, which the generated types leave out.
  const updatedBy = state.updatedBy && {
    __typename: "PlanPerson",
    id: state.updatedBy.id,
    displayName: state.updatedBy.displayName,
  };
  return {
    ...section,
    body: state.body,
    version: state.version,
    updatedAt: state.updatedAt,
    updatedBy,
    links: state.links.map((link) => ({
      __typename: "PlanSectionLink",
      metricId: link.metricId,
      metricCode: codes.metricCode(link.metricId),
      productSpecId: link.productSpecId,
      productSpecCode: link.productSpecId === null ? null : codes.specCode(link.productSpecId),
    })),
  };
}

const PART_LETTER = { ENVIRONMENT: "A", GOALS: "B", METHODS: "C" } as const;

/** A part's heading: "A. Marketing environment"; a title numbered already ("一、营销环境分析", "A. …") keeps its own number. */
export function partHeading(part: keyof typeof PART_LETTER, title: string): string {
  return /^([一二三四五六七八九十]+、|[A-Z]\.\s)/.test(title) ? title : `${PART_LETTER[part]}. ${title}`;
}
