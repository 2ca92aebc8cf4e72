// Bulk insert of many fact rows in one statement per chunk:
//   INSERT INTO "T" (cols) SELECT … FROM unnest($1::text[], $2::text[], …) ON CONFLICT DO NOTHING
// One array parameter per column instead of one parameter per value. On
// embedded PGlite this is about twice as fast as Prisma's createMany for the
// tens of thousands of history rows (measured: 38k rows 5.8 s vs 13 s), and a
// re-run that finds every row present costs about a second.
import type { Prisma } from "../../generated/client/index.js";

/** How a column's text is cast back to its SQL type. */
export type ColumnType = "text" | "int" | "numeric" | "timestamp" | "bool";

export type ColumnSpec<Row> = readonly (readonly [column: keyof Row & string, type: ColumnType])[];

const CAST: Readonly<Record<ColumnType, string>> = {
  text: "",
  int: "::integer",
  numeric: "::numeric",
  // Prisma stores DateTime as timestamp(3) in UTC; an ISO text with "Z" casts to that wall time.
  timestamp: "::timestamptz AT TIME ZONE 'UTC'",
  bool: "::boolean",
};

function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object" && "toFixed" in value && typeof value.toFixed === "function") return String(value.toFixed());
  return String(value);
}

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Inserts `rows` into `table` in chunks, skipping rows that hit a unique constraint
 * (ON CONFLICT DO NOTHING, like createMany's skipDuplicates). Returns the number inserted.
 * `table` and the column names come from code, never from input.
 */
export async function bulkInsert<Row extends object>(
  tx: Prisma.TransactionClient,
  table: string,
  columns: ColumnSpec<Row>,
  rows: readonly Row[],
  chunkRows = 10_000,
): Promise<number> {
  if (columns.length === 0) throw new RangeError("bulkInsert needs at least one column");
  const columnList = columns.map(([column]) => quoteIdentifier(column)).join(", ");
  const aliases = columns.map((_, index) => `c${index}`);
  const selectList = columns.map(([, type], index) => `${aliases[index]}${CAST[type]}`).join(", ");
  const unnestArgs = columns.map((_, index) => `$${index + 1}::text[]`).join(", ");
  const sql =
    `INSERT INTO ${quoteIdentifier(table)} (${columnList}) ` +
    `SELECT ${selectList} FROM unnest(${unnestArgs}) AS u(${aliases.join(", ")}) ON CONFLICT DO NOTHING`;

  let inserted = 0;
  for (let start = 0; start < rows.length; start += chunkRows) {
    const chunk = rows.slice(start, start + chunkRows);
    const parameters = columns.map(([column]) => chunk.map((row) => asText(row[column])));
    inserted += await tx.$executeRawUnsafe(sql, ...parameters);
  }
  return inserted;
}
