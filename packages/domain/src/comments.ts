// Comments on a plan (评论): on the plan as a whole, on one section of its document, or on
// one cell. A cell is named by its coordinates, never its row id (re-splitting a grid
// deletes and rewrites rows, the thread stays): a target cell by metric + month + the
// canonical dimension key (cell-key.ts), an expense line by item + month + its key (a
// terminal or a distributor at most). Pure: the server checks what it is given here.
import { CellKeyError, parseCellDimensionKey } from "./cell-key.js";

/** The longest comment, in characters (UTF-16 code units, as the browser counts). */
export const MAX_COMMENT_BODY_LENGTH = 4_000;

export type CommentAnchor =
  | { readonly kind: "PLAN" }
  | { readonly kind: "SECTION"; readonly sectionCode: string }
  | { readonly kind: "TARGET_CELL"; readonly metricId: string; readonly month: number; readonly dimensionKey: string }
  | { readonly kind: "EXPENSE_CELL"; readonly itemId: string; readonly month: number; readonly dimensionKey: string };

export type CommentAnchorKind = CommentAnchor["kind"];

export type CommentRuleCode =
  "EMPTY_BODY" | "BODY_TOO_LONG" | "BAD_MONTH" | "BAD_DIMENSION_KEY" | "EXPENSE_KEY_DIMENSION" | "BAD_SECTION_CODE";

export type CommentCheck =
  { readonly ok: true } | { readonly ok: false; readonly code: CommentRuleCode; readonly message: string };

const OK: CommentCheck = { ok: true };
const refuse = (code: CommentRuleCode, message: string): CommentCheck => ({ ok: false, code, message });

/** A comment's text: not blank, at most MAX_COMMENT_BODY_LENGTH characters. */
export function checkCommentBody(body: string): CommentCheck {
  if (body.trim() === "") return refuse("EMPTY_BODY", "A comment needs some text.");
  if (body.length > MAX_COMMENT_BODY_LENGTH) {
    return refuse("BODY_TOO_LONG", `A comment is at most ${MAX_COMMENT_BODY_LENGTH} characters; this one has ${body.length}.`);
  }
  return OK;
}

/** The dimensions an expense line may carry: a terminal or a distributor, not both. */
const EXPENSE_FIELDS = new Set(["terminalId", "distributorId"]);

/**
 * Whether an anchor is well formed: a month 1–12, a canonical dimension key (the one
 * cellDimensionKey would write), for an expense line at most one of terminal and
 * distributor; a section code of capitals, digits and _. Whether the metric, item or
 * section exists is the server's question.
 */
export function checkCommentAnchor(anchor: CommentAnchor): CommentCheck {
  switch (anchor.kind) {
    case "PLAN":
      return OK;
    case "SECTION":
      return /^[A-Z][A-Z0-9_]{0,63}$/.test(anchor.sectionCode)
        ? OK
        : refuse("BAD_SECTION_CODE", `"${anchor.sectionCode}" is not a section code.`);
    case "TARGET_CELL":
    case "EXPENSE_CELL": {
      if (!Number.isInteger(anchor.month) || anchor.month < 1 || anchor.month > 12) {
        return refuse("BAD_MONTH", `The month is 1–12, not ${anchor.month}.`);
      }
      let fields: string[];
      try {
        fields = Object.keys(parseCellDimensionKey(anchor.dimensionKey));
      } catch (error) {
        if (error instanceof CellKeyError) return refuse("BAD_DIMENSION_KEY", error.message);
        throw error;
      }
      if (anchor.kind === "EXPENSE_CELL" && (fields.some((field) => !EXPENSE_FIELDS.has(field)) || fields.length > 1)) {
        return refuse("EXPENSE_KEY_DIMENSION", "An expense line names at most one terminal or one distributor.");
      }
      return OK;
    }
  }
}

/**
 * The one text key of an anchor: what a marker, a filter and the web's grid compare.
 * "PLAN", "SECTION:<code>", "TARGET:<metricId>:<month>:<dimensionKey>",
 * "EXPENSE:<itemId>:<month>:<dimensionKey>".
 */
export function commentAnchorKey(anchor: CommentAnchor): string {
  switch (anchor.kind) {
    case "PLAN":
      return "PLAN";
    case "SECTION":
      return `SECTION:${anchor.sectionCode}`;
    case "TARGET_CELL":
      return `TARGET:${anchor.metricId}:${anchor.month}:${anchor.dimensionKey}`;
    case "EXPENSE_CELL":
      return `EXPENSE:${anchor.itemId}:${anchor.month}:${anchor.dimensionKey}`;
  }
}

/** The stored columns of a comment, back to its anchor. */
export function commentAnchorOf(columns: {
  readonly sectionCode: string | null;
  readonly metricId: string | null;
  readonly itemId: string | null;
  readonly month: number | null;
  readonly dimensionKey: string | null;
}): CommentAnchor {
  if (columns.sectionCode !== null) return { kind: "SECTION", sectionCode: columns.sectionCode };
  if (columns.metricId !== null && columns.month !== null && columns.dimensionKey !== null) {
    return { kind: "TARGET_CELL", metricId: columns.metricId, month: columns.month, dimensionKey: columns.dimensionKey };
  }
  if (columns.itemId !== null && columns.month !== null && columns.dimensionKey !== null) {
    return { kind: "EXPENSE_CELL", itemId: columns.itemId, month: columns.month, dimensionKey: columns.dimensionKey };
  }
  return { kind: "PLAN" };
}

/** The columns an anchor is stored in (the others null). */
export function commentAnchorColumns(anchor: CommentAnchor): {
  sectionCode: string | null;
  metricId: string | null;
  itemId: string | null;
  month: number | null;
  dimensionKey: string | null;
} {
  const none = { sectionCode: null, metricId: null, itemId: null, month: null, dimensionKey: null };
  switch (anchor.kind) {
    case "PLAN":
      return none;
    case "SECTION":
      return { ...none, sectionCode: anchor.sectionCode };
    case "TARGET_CELL":
      return { ...none, metricId: anchor.metricId, month: anchor.month, dimensionKey: anchor.dimensionKey };
    case "EXPENSE_CELL":
      return { ...none, itemId: anchor.itemId, month: anchor.month, dimensionKey: anchor.dimensionKey };
  }
}
