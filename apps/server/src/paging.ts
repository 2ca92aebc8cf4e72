// Paged lists: `first` (how many) and `after` (an opaque cursor from the page
// before). A cursor is the offset of the next page, base64url, so a client
// cannot read meaning into it; a cursor that is not one of ours is refused.
import { DomainError } from "./errors.js";

export interface PageArgs {
  readonly first?: number | null;
  readonly after?: string | null;
}

export interface PageWindow {
  readonly offset: number;
  readonly limit: number;
}

export function cursorOf(offset: number): string {
  return Buffer.from(`o:${offset}`).toString("base64url");
}

/** The offset and size a page asks for; VALIDATION_FAILED for a size outside 1…max or a foreign cursor. */
export function pageWindow(args: PageArgs, defaults: { readonly first: number; readonly max: number }): PageWindow {
  const limit = args.first ?? defaults.first;
  if (!Number.isInteger(limit) || limit < 1 || limit > defaults.max) {
    throw new DomainError("VALIDATION_FAILED", `A page holds 1 to ${defaults.max} rows.`, {
      reason: "PAGE_SIZE_INVALID",
      params: { max: defaults.max },
    });
  }
  const cursor = args.after;
  if (cursor === null || cursor === undefined || cursor === "") return { offset: 0, limit };
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) throw new DomainError("VALIDATION_FAILED", "This page cursor is not valid.", { reason: "CURSOR_INVALID" });
  return { offset: Number(match[1]), limit };
}

/** The cursor of the page after one that started at `offset` and held `count` rows, or null after the last. */
export function nextCursor(offset: number, count: number, totalCount: number): string | null {
  const next = offset + count;
  return next < totalCount ? cursorOf(next) : null;
}
