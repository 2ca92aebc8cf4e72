// The canonical key of a cell's optional dimensions.
//
// Target cells, expense cells and actuals are unique by their coordinates, but
// the optional dimensions (product spec, channel, terminal, distributor,
// township) are nullable columns, and SQL treats NULLs as distinct in a unique
// index. So every row also stores `dimensionKey`, the text form of the
// dimensions it has, and the unique index uses that. This file is the ONE place
// that text is made and read: two writers that build the key differently would
// silently create duplicate cells.

/** The optional dimensions of a cell, named as the database columns are. */
export interface CellDimensions {
  readonly productSpecId?: string | null;
  readonly channelId?: string | null;
  readonly terminalId?: string | null;
  readonly distributorId?: string | null;
  readonly townshipId?: string | null;
}

export type CellDimensionField = keyof CellDimensions;

/** All five dimension columns, null where absent, plus the key: ready to spread into a row. */
export type CellDimensionColumns = { readonly [F in CellDimensionField]-?: string | null } & {
  readonly dimensionKey: string;
};

/** Key order is fixed: this list IS the canonical order. */
export const CELL_DIMENSIONS: readonly { readonly field: CellDimensionField; readonly tag: string }[] = [
  { field: "productSpecId", tag: "spec" },
  { field: "channelId", tag: "channel" },
  { field: "terminalId", tag: "terminal" },
  { field: "distributorId", tag: "distributor" },
  { field: "townshipId", tag: "township" },
];

/** The key of a cell without optional dimensions. */
export const EMPTY_DIMENSION_KEY = "";

const PAIR_SEPARATOR = ";";
const TAG_SEPARATOR = "=";
// Ids are uuids in practice; anything printable without the two separators is accepted.
const ID_PATTERN = /^[^;=\s]+$/;

export class CellKeyError extends Error {
  constructor(
    readonly input: string,
    readonly reason: "BAD_ID" | "BAD_KEY",
    detail: string,
  ) {
    super(`${reason === "BAD_ID" ? "invalid dimension id" : "invalid dimension key"} "${input}": ${detail}`);
    this.name = "CellKeyError";
  }
}

/**
 * The canonical dimension key: "spec=<id>;channel=<id>;terminal=<id>;distributor=<id>;township=<id>",
 * listing only the dimensions present, always in that order; "" when none is.
 * null, undefined and "" all mean "absent".
 */
export function cellDimensionKey(dimensions: CellDimensions): string {
  const pairs: string[] = [];
  for (const { field, tag } of CELL_DIMENSIONS) {
    const id = dimensions[field];
    if (id === undefined || id === null || id === "") continue;
    if (!ID_PATTERN.test(id)) throw new CellKeyError(id, "BAD_ID", `${field} may not contain ";", "=" or spaces`);
    pairs.push(`${tag}${TAG_SEPARATOR}${id}`);
  }
  return pairs.join(PAIR_SEPARATOR);
}

/**
 * Reads a key back into its dimensions (only those present). Refuses anything
 * cellDimensionKey would not have produced — unknown tags, repeats, wrong
 * order — so that a stored key is always the canonical one.
 */
export function parseCellDimensionKey(key: string): CellDimensions {
  if (key === EMPTY_DIMENSION_KEY) return {};
  const result: { [F in CellDimensionField]?: string } = {};
  let nextAllowed = 0;
  for (const pair of key.split(PAIR_SEPARATOR)) {
    const separatorAt = pair.indexOf(TAG_SEPARATOR);
    if (separatorAt <= 0) throw new CellKeyError(key, "BAD_KEY", `"${pair}" is not tag=id`);
    const tag = pair.slice(0, separatorAt);
    const id = pair.slice(separatorAt + 1);
    const position = CELL_DIMENSIONS.findIndex((dimension) => dimension.tag === tag);
    if (position < 0) throw new CellKeyError(key, "BAD_KEY", `unknown dimension "${tag}"`);
    if (position < nextAllowed) throw new CellKeyError(key, "BAD_KEY", `"${tag}" repeated or out of order`);
    if (!ID_PATTERN.test(id)) throw new CellKeyError(key, "BAD_KEY", `bad id for "${tag}"`);
    const dimension = CELL_DIMENSIONS[position];
    if (dimension) result[dimension.field] = id;
    nextAllowed = position + 1;
  }
  return result;
}

/** The five nullable dimension columns and their key, for writing a row. */
export function cellDimensionColumns(dimensions: CellDimensions): CellDimensionColumns {
  const dimensionKey = cellDimensionKey(dimensions);
  return {
    productSpecId: dimensions.productSpecId || null,
    channelId: dimensions.channelId || null,
    terminalId: dimensions.terminalId || null,
    distributorId: dimensions.distributorId || null,
    townshipId: dimensions.townshipId || null,
    dimensionKey,
  };
}
