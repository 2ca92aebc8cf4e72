// The maintained roll-up of target figures (TargetSummary), kept true by deltas.
//
// How it stays true, and why this way:
// - A cell write appends its deltas (TargetSummaryDelta, insert-only) in the SAME
//   transaction as the cells, so the summary can never disagree with committed cells.
// - Nobody updates the HQ or province rows on a save: hundreds of county planners saving
//   at once would queue on those few rows. Instead one folder at a time (an advisory
//   lock) moves a batch of deltas into TargetSummary: each delta is added to the OWN row
//   of the plan's unit and to the SUBTREE row of every unit on its path.
// - Readers add the pending deltas of the subtree to the folded rows in one statement
//   (one snapshot), so a read is exact whether or not a fold has run.
// - APPROVED rows change only on approval: the approval appends (current figures − the
//   figures last approved) for the plan, under the plan's lock.
import { Prisma, type PrismaClient } from "../../generated/client/index.js";
import { likePrefix } from "../repositories/org-units.repository.js";
import { fenOf, fenText, summaryLineId, type SummaryBasis, type SummaryDelta, type SummaryLineKey } from "./summary-lines.js";

/** A Prisma client or an interactive transaction's client. */
export type SqlClient = Pick<PrismaClient, "$queryRaw" | "$executeRaw" | "$queryRawUnsafe" | "$executeRawUnsafe">;

export type SummaryScope = "OWN" | "SUBTREE";

/** One line of a unit's roll-up; sums as Decimal text. */
export interface SummaryLine extends SummaryLineKey {
  readonly baseSum: string;
  readonly stretchSum: string;
  readonly cellCount: number;
}

/** Folders take this advisory lock (any fixed 64-bit number of ours) so that only one folds at a time. */
const FOLD_LOCK_KEY = 727_2027_0001;

/** Appends the deltas of one plan's write. Call inside the transaction that writes the cells. */
export async function appendSummaryDeltas(
  sql: SqlClient,
  target: { readonly cycleId: string; readonly unitPath: string; readonly basis: SummaryBasis },
  deltas: readonly SummaryDelta[],
): Promise<void> {
  if (deltas.length === 0) return;
  await sql.$executeRawUnsafe(
    `INSERT INTO "TargetSummaryDelta"
       ("cycleId", "unitPath", "basis", "metricId", "specKey", "channelKey", "month", "baseDelta", "stretchDelta", "countDelta")
     SELECT $1, $2, $3::"SummaryBasis", m, s, c, mo::integer, b::numeric, st::numeric, n::integer
     FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[]) AS u(m, s, c, mo, b, st, n)`,
    target.cycleId,
    target.unitPath,
    target.basis,
    deltas.map((delta) => delta.metricId),
    deltas.map((delta) => delta.specKey),
    deltas.map((delta) => delta.channelKey),
    deltas.map((delta) => String(delta.month)),
    deltas.map((delta) => fenText(delta.baseDelta)),
    deltas.map((delta) => fenText(delta.stretchDelta)),
    deltas.map((delta) => String(delta.countDelta)),
  );
}

/** How many deltas wait to be folded. */
export async function pendingSummaryDeltas(sql: SqlClient): Promise<number> {
  const rows = await sql.$queryRaw<{ pending: number }[]>`SELECT count(*)::int AS pending FROM "TargetSummaryDelta"`;
  return Number(rows[0]?.pending ?? 0);
}

/**
 * Folds up to `batch` of the oldest deltas into TargetSummary and deletes them, atomically.
 * Must run inside a transaction (the advisory lock is released at its end). Returns the
 * number of deltas folded; 0 when another folder holds the lock or nothing is pending.
 */
export async function foldSummaryDeltas(sql: SqlClient, batch = 50_000): Promise<number> {
  const locked = await sql.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${FOLD_LOCK_KEY}::bigint) AS locked`;
  if (!locked[0]?.locked) return 0;
  const folded = await sql.$queryRaw<{ folded: number }[]>`
    WITH moved AS (
      DELETE FROM "TargetSummaryDelta"
      WHERE "id" IN (SELECT "id" FROM "TargetSummaryDelta" ORDER BY "id" LIMIT ${batch})
      RETURNING *
    ),
    units AS (
      -- the path "/hq/province/city/county/" lists every unit the delta counts in: SUBTREE
      -- for each, and OWN for the last one (the plan's own unit)
      SELECT moved.*, segment.id AS "orgUnitId",
             CASE WHEN segment.position = cardinality(segments.ids) THEN 'OWN' ELSE NULL END AS own
      FROM moved
      CROSS JOIN LATERAL (SELECT string_to_array(btrim(moved."unitPath", '/'), '/') AS ids) AS segments
      CROSS JOIN LATERAL unnest(segments.ids) WITH ORDINALITY AS segment(id, position)
    ),
    lines AS (
      SELECT "cycleId", "orgUnitId", "basis", 'SUBTREE' AS scope, "metricId", "specKey", "channelKey", "month",
             "baseDelta", "stretchDelta", "countDelta"
      FROM units
      UNION ALL
      SELECT "cycleId", "orgUnitId", "basis", 'OWN', "metricId", "specKey", "channelKey", "month",
             "baseDelta", "stretchDelta", "countDelta"
      FROM units WHERE own IS NOT NULL
    ),
    upserted AS (
      INSERT INTO "TargetSummary"
        ("cycleId", "orgUnitId", "basis", "scope", "metricId", "specKey", "channelKey", "month", "baseSum", "stretchSum", "cellCount")
      SELECT "cycleId", "orgUnitId", "basis", scope::"SummaryScope", "metricId", "specKey", "channelKey", "month",
             sum("baseDelta"), sum("stretchDelta"), sum("countDelta")::integer
      FROM lines
      GROUP BY "cycleId", "orgUnitId", "basis", scope, "metricId", "specKey", "channelKey", "month"
      ON CONFLICT ("cycleId", "orgUnitId", "basis", "scope", "metricId", "specKey", "channelKey", "month") DO UPDATE SET
        "baseSum" = "TargetSummary"."baseSum" + EXCLUDED."baseSum",
        "stretchSum" = "TargetSummary"."stretchSum" + EXCLUDED."stretchSum",
        "cellCount" = "TargetSummary"."cellCount" + EXCLUDED."cellCount"
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM moved)::int AS folded, (SELECT count(*) FROM upserted)::int AS lines`;
  return Number(folded[0]?.folded ?? 0);
}

export interface SummaryQuery {
  readonly cycleId: string;
  readonly orgUnitId: string;
  /** The unit's materialised path ("/hq/…/unit/"). */
  readonly unitPath: string;
  readonly basis: SummaryBasis;
  readonly scope: SummaryScope;
  /** Only these metrics; all when absent. */
  readonly metricIds?: readonly string[];
  /** FIGURES: channelKey "" only; CHANNELS: channel breakdown totals only; default both. */
  readonly lines?: "FIGURES" | "CHANNELS" | "ALL";
}

/** A summary line as SQL returns it: sums as numeric text, counts maybe as bigint. */
interface SummaryRow {
  readonly metricId: string;
  readonly specKey: string;
  readonly channelKey: string;
  readonly month: number | bigint;
  readonly baseSum: string;
  readonly stretchSum: string;
  readonly cellCount: number | bigint;
}

/** Sums at two decimals ("12000.00", not "12000"), counts as numbers. */
function lineOfRow(row: SummaryRow): SummaryLine {
  return {
    metricId: row.metricId,
    specKey: row.specKey,
    channelKey: row.channelKey,
    month: Number(row.month),
    baseSum: fenText(fenOf(row.baseSum)),
    stretchSum: fenText(fenOf(row.stretchSum)),
    cellCount: Number(row.cellCount),
  };
}

/**
 * A unit's roll-up lines: the folded rows plus the deltas not folded yet, in one statement.
 * Lines that sum to nothing (no cells, zero values) are left out.
 */
export async function readSummary(sql: SqlClient, query: SummaryQuery): Promise<SummaryLine[]> {
  const metricFilter =
    query.metricIds === undefined ? Prisma.sql`TRUE` : Prisma.sql`"metricId" = ANY(${[...query.metricIds]}::text[])`;
  const lines = query.lines ?? "ALL";
  const channelFilter =
    lines === "FIGURES"
      ? Prisma.sql`"channelKey" = ''`
      : lines === "CHANNELS"
        ? Prisma.sql`"channelKey" <> ''`
        : Prisma.sql`TRUE`;
  const pathFilter =
    query.scope === "OWN"
      ? Prisma.sql`"unitPath" = ${query.unitPath}`
      : Prisma.sql`"unitPath" LIKE ${likePrefix(query.unitPath)}`;
  const rows = await sql.$queryRaw<SummaryRow[]>`
    SELECT "metricId", "specKey", "channelKey", "month",
           sum(base)::text AS "baseSum", sum(stretch)::text AS "stretchSum", sum(cells)::int AS "cellCount"
    FROM (
      SELECT "metricId", "specKey", "channelKey", "month", "baseSum" AS base, "stretchSum" AS stretch, "cellCount" AS cells
      FROM "TargetSummary"
      WHERE "cycleId" = ${query.cycleId} AND "orgUnitId" = ${query.orgUnitId}
        AND "basis" = ${query.basis}::"SummaryBasis" AND "scope" = ${query.scope}::"SummaryScope"
        AND ${metricFilter} AND ${channelFilter}
      UNION ALL
      SELECT "metricId", "specKey", "channelKey", "month", "baseDelta", "stretchDelta", "countDelta"
      FROM "TargetSummaryDelta"
      WHERE "cycleId" = ${query.cycleId} AND "basis" = ${query.basis}::"SummaryBasis" AND ${pathFilter}
        AND ${metricFilter} AND ${channelFilter}
    ) AS parts
    GROUP BY "metricId", "specKey", "channelKey", "month"
    HAVING sum(cells) <> 0 OR sum(base) <> 0 OR sum(stretch) <> 0
    ORDER BY "metricId", "specKey", "channelKey", "month"`;
  return rows.map(lineOfRow);
}

/** A plan's own current figure and channel lines, straight from its cells (the LATEST own lines). */
export async function currentOwnLines(sql: SqlClient, planId: string): Promise<SummaryLine[]> {
  const rows = await sql.$queryRaw<SummaryRow[]>`
    SELECT "metricId", coalesce("productSpecId", '') AS "specKey", coalesce("channelId", '') AS "channelKey", "month",
           sum("baseValue")::text AS "baseSum", sum(coalesce("stretchValue", "baseValue"))::text AS "stretchSum",
           count(*)::int AS "cellCount"
    FROM "TargetCell"
    WHERE "planId" = ${planId} AND "terminalId" IS NULL AND "distributorId" IS NULL AND "townshipId" IS NULL
    GROUP BY 1, 2, 3, 4`;
  return rows.map(lineOfRow);
}

/** The deltas that turn `from` lines into `to` lines. */
export function deltasBetween(from: readonly SummaryLine[], to: readonly SummaryLine[]): SummaryDelta[] {
  const lines = new Map<string, { key: SummaryLineKey; base: bigint; stretch: bigint; count: number }>();
  const add = (line: SummaryLine, sign: 1n | -1n) => {
    const id = summaryLineId(line);
    let entry = lines.get(id);
    if (entry === undefined) {
      lines.set(
        id,
        (entry = {
          key: { metricId: line.metricId, specKey: line.specKey, channelKey: line.channelKey, month: line.month },
          base: 0n,
          stretch: 0n,
          count: 0,
        }),
      );
    }
    entry.base += sign * fenOf(line.baseSum);
    entry.stretch += sign * fenOf(line.stretchSum);
    entry.count += (sign === 1n ? 1 : -1) * line.cellCount;
  };
  for (const line of from) add(line, -1n);
  for (const line of to) add(line, 1n);
  const deltas: SummaryDelta[] = [];
  for (const { key, base, stretch, count } of lines.values()) {
    if (base !== 0n || stretch !== 0n || count !== 0)
      deltas.push({ ...key, baseDelta: base, stretchDelta: stretch, countDelta: count });
  }
  return deltas;
}

/**
 * On approval: the plan's APPROVED lines become its current figures. Appends
 * (current − last approved) as APPROVED deltas. Call inside the approval's transaction,
 * holding the plan's row lock, so two approvals of one plan cannot both add.
 */
export async function recordApprovedFigures(
  sql: SqlClient,
  plan: { readonly planId: string; readonly cycleId: string; readonly orgUnitId: string; readonly unitPath: string },
): Promise<number> {
  // One after the other: a transaction is one connection.
  const current = await currentOwnLines(sql, plan.planId);
  const approved = await readSummary(sql, {
    cycleId: plan.cycleId,
    orgUnitId: plan.orgUnitId,
    unitPath: plan.unitPath,
    basis: "APPROVED",
    scope: "OWN",
  });
  const deltas = deltasBetween(approved, current);
  await appendSummaryDeltas(sql, { cycleId: plan.cycleId, unitPath: plan.unitPath, basis: "APPROVED" }, deltas);
  return deltas.length;
}
