// Saving a batch of target cells: all or nothing, optimistic concurrency per cell.
//
// Two planners editing different cells of one plan both succeed; two editing the same
// cell conflict, and the second one is told what the cell holds now and who changed it.
// The pattern every state-changing write follows: inside one transaction, lock what the
// write guards (the plan, shared: saves of one plan run side by side, a workflow
// transition takes it exclusively), re-check the domain rule (the plan is editable), write
// the cells with their audit rows and the summary deltas, commit.
import { cellDimensionColumns, Fixed, isPlanEditable, type CellDimensions, type PlanStatus } from "@pyramid/domain";
import { appendSummaryDeltas, type SqlClient } from "./target-summary.js";
import { summaryDeltasOf, type SummaryCellValue } from "./summary-lines.js";

export interface TargetCellChange {
  readonly metricId: string;
  readonly month: number;
  readonly dimensions: CellDimensions;
  /** The new base value (基本任务) as decimal text; null deletes the cell. */
  readonly baseValue: string | null;
  /** The new stretch value (力争); null or absent: none. */
  readonly stretchValue?: string | null;
  /** The version the writer read; null when the writer saw no cell there. */
  readonly expectedVersion: number | null;
}

export interface SaveTargetCellsInput {
  readonly planId: string;
  readonly actorId: string | null;
  readonly changes: readonly TargetCellChange[];
  /** The request that made the change, for the audit log. */
  readonly requestId?: string | null;
}

export interface SavedTargetCell {
  readonly metricId: string;
  readonly month: number;
  readonly dimensionKey: string;
  /** Null when the change deleted the cell. */
  readonly id: string | null;
  readonly version: number | null;
}

export interface CellConflict {
  readonly metricId: string;
  readonly month: number;
  readonly dimensionKey: string;
  readonly expectedVersion: number | null;
  /** What the cell holds now (null: it does not exist any more). */
  readonly current: {
    readonly baseValue: string;
    readonly stretchValue: string | null;
    readonly version: number;
    readonly updatedById: string | null;
    readonly updatedAt: Date;
  } | null;
}

export type SaveRefusalCode = "PLAN_NOT_FOUND" | "PLAN_NOT_EDITABLE" | "INVALID_CHANGE" | "CELL_CONFLICT";

/** The save wrote nothing. `conflicts` lists every stale cell of the batch (CELL_CONFLICT). */
export class TargetCellSaveRefused extends Error {
  constructor(
    readonly code: SaveRefusalCode,
    message: string,
    readonly params: Readonly<Record<string, string | number>> = {},
    readonly conflicts: readonly CellConflict[] = [],
  ) {
    super(message);
    this.name = "TargetCellSaveRefused";
  }
}

interface StoredCell extends SummaryCellValue {
  readonly id: string;
  readonly dimensionKey: string;
  readonly version: number;
  readonly updatedById: string | null;
  readonly updatedAt: Date;
}

const keyOf = (metricId: string, month: number, dimensionKey: string) => `${metricId}\u0001${month}\u0001${dimensionKey}`;

/** The value at the column's two decimals, refused when it has more than the metric's scale allows. */
function valueText(value: string, what: string, metricScale: number): string {
  // Cells are stored at two decimals; a metric declared finer is held to what the column keeps.
  metricScale = Math.min(metricScale, 2);
  let parsed: Fixed;
  try {
    parsed = Fixed.parse(value, metricScale);
  } catch {
    throw new TargetCellSaveRefused(
      "INVALID_CHANGE",
      `${what} "${value}" is not a number with at most ${metricScale} decimal(s).`,
      {
        value,
        scale: metricScale,
      },
    );
  }
  return parsed.rescale(2).toString();
}

interface PreparedChange {
  readonly change: TargetCellChange;
  readonly columns: ReturnType<typeof cellDimensionColumns>;
  readonly key: string;
  readonly baseValue: string | null;
  readonly stretchValue: string | null;
}

function prepare(changes: readonly TargetCellChange[], scaleOf: ReadonlyMap<string, number>): PreparedChange[] {
  const seen = new Set<string>();
  return changes.map((change) => {
    const scale = scaleOf.get(change.metricId);
    if (scale === undefined)
      throw new TargetCellSaveRefused("INVALID_CHANGE", `No metric ${change.metricId}.`, { metricId: change.metricId });
    if (!Number.isInteger(change.month) || change.month < 1 || change.month > 12) {
      throw new TargetCellSaveRefused("INVALID_CHANGE", `Month ${change.month} is not 1–12.`, { month: change.month });
    }
    let columns: ReturnType<typeof cellDimensionColumns>;
    try {
      columns = cellDimensionColumns(change.dimensions);
    } catch (error) {
      throw new TargetCellSaveRefused("INVALID_CHANGE", error instanceof Error ? error.message : String(error));
    }
    const key = keyOf(change.metricId, change.month, columns.dimensionKey);
    if (seen.has(key)) {
      throw new TargetCellSaveRefused("INVALID_CHANGE", "The same cell appears twice in one save.", {
        metricId: change.metricId,
        month: change.month,
        dimensionKey: columns.dimensionKey,
      });
    }
    seen.add(key);
    const baseValue = change.baseValue === null ? null : valueText(change.baseValue, "Base value", scale);
    const stretchValue =
      change.baseValue === null || change.stretchValue === undefined || change.stretchValue === null
        ? null
        : valueText(change.stretchValue, "Stretch value", scale);
    return { change, columns, key, baseValue, stretchValue };
  });
}

/**
 * Saves the changes in the caller's transaction, or refuses them all with
 * TargetCellSaveRefused. Returns each cell's new id and version.
 */
export async function saveTargetCells(tx: SqlClient, input: SaveTargetCellsInput): Promise<SavedTargetCell[]> {
  const metricIds = [...new Set(input.changes.map((change) => change.metricId))];
  const metrics = await tx.$queryRaw<
    { id: string; scale: number }[]
  >`SELECT "id", "scale" FROM "Metric" WHERE "id" = ANY(${metricIds}::text[])`;
  const prepared = prepare(input.changes, new Map(metrics.map((metric) => [metric.id, Number(metric.scale)])));

  // Shared lock: saves of one plan do not wait for each other, a transition (FOR UPDATE) waits for them.
  const plans = await tx.$queryRaw<{ cycleId: string; orgUnitId: string; status: PlanStatus; path: string }[]>`
    SELECT p."cycleId", p."orgUnitId", p."status"::text AS status, u."path"
    FROM "Plan" p JOIN "OrgUnit" u ON u."id" = p."orgUnitId"
    WHERE p."id" = ${input.planId}
    FOR SHARE OF p`;
  const plan = plans[0];
  if (plan === undefined) throw new TargetCellSaveRefused("PLAN_NOT_FOUND", `No plan ${input.planId}.`, { planId: input.planId });
  if (!isPlanEditable(plan.status)) {
    throw new TargetCellSaveRefused("PLAN_NOT_EDITABLE", `The plan is ${plan.status} and cannot be edited.`, {
      status: plan.status,
    });
  }
  if (prepared.length === 0) return [];

  const stored = await tx.$queryRawUnsafe<(Omit<StoredCell, "id"> & { id: bigint | string })[]>(
    `SELECT c."id", c."metricId", c."month", c."productSpecId", c."channelId", c."terminalId", c."distributorId", c."townshipId",
            c."dimensionKey", c."baseValue"::text AS "baseValue", c."stretchValue"::text AS "stretchValue",
            c."version", c."updatedById", c."updatedAt"
     FROM "TargetCell" c
     JOIN unnest($2::text[], $3::int[], $4::text[]) AS k(metric, month, dims)
       ON c."metricId" = k.metric AND c."month" = k.month AND c."dimensionKey" = k.dims
     WHERE c."planId" = $1
     ORDER BY c."id"
     FOR UPDATE OF c`,
    input.planId,
    prepared.map((item) => item.change.metricId),
    prepared.map((item) => item.change.month),
    prepared.map((item) => item.columns.dimensionKey),
  );
  const existing = new Map<string, StoredCell>();
  for (const row of stored) {
    const cell: StoredCell = { ...row, id: String(row.id), month: Number(row.month), version: Number(row.version) };
    existing.set(keyOf(cell.metricId, cell.month, cell.dimensionKey), cell);
  }

  const conflicts: CellConflict[] = [];
  for (const item of prepared) {
    const current = existing.get(item.key);
    const stale = item.change.expectedVersion === null ? current !== undefined : current?.version !== item.change.expectedVersion;
    if (stale) conflicts.push(conflictOf(item, current));
  }
  if (conflicts.length > 0) {
    throw new TargetCellSaveRefused(
      "CELL_CONFLICT",
      `${conflicts.length} cell(s) were changed by someone else since they were read.`,
      { count: conflicts.length },
      conflicts,
    );
  }

  const toDelete = prepared.filter((item) => item.baseValue === null && existing.has(item.key));
  const toUpdate = prepared.filter((item) => item.baseValue !== null && existing.has(item.key));
  const toInsert = prepared.filter((item) => item.baseValue !== null && !existing.has(item.key));

  if (toDelete.length > 0) {
    await tx.$executeRawUnsafe(
      `DELETE FROM "TargetCell" WHERE "id" = ANY($1::bigint[])`,
      toDelete.map((item) => existing.get(item.key)!.id),
    );
  }
  const results = new Map<string, SavedTargetCell>();
  for (const item of toDelete) {
    results.set(item.key, {
      metricId: item.change.metricId,
      month: item.change.month,
      dimensionKey: item.columns.dimensionKey,
      id: null,
      version: null,
    });
  }
  if (toUpdate.length > 0) {
    const updated = await tx.$queryRawUnsafe<{ id: bigint | string; version: number }[]>(
      `UPDATE "TargetCell" c SET "baseValue" = v.base::numeric, "stretchValue" = v.stretch::numeric,
              "version" = c."version" + 1, "updatedById" = $4, "updatedAt" = now() AT TIME ZONE 'UTC'
       FROM unnest($1::bigint[], $2::text[], $3::text[]) AS v(id, base, stretch)
       WHERE c."id" = v.id
       RETURNING c."id", c."version"`,
      toUpdate.map((item) => existing.get(item.key)!.id),
      toUpdate.map((item) => item.baseValue),
      toUpdate.map((item) => item.stretchValue),
      input.actorId,
    );
    const versionById = new Map(updated.map((row) => [String(row.id), Number(row.version)]));
    for (const item of toUpdate) {
      const id = existing.get(item.key)!.id;
      results.set(item.key, {
        metricId: item.change.metricId,
        month: item.change.month,
        dimensionKey: item.columns.dimensionKey,
        id,
        version: versionById.get(id)!,
      });
    }
  }
  if (toInsert.length > 0) {
    // A cell created by someone else since we looked is a conflict, not an error: ON CONFLICT
    // DO NOTHING and count what went in.
    const inserted = await tx.$queryRawUnsafe<{ id: bigint | string; metricId: string; month: number; dimensionKey: string }[]>(
      `INSERT INTO "TargetCell" ("planId", "metricId", "month", "productSpecId", "channelId", "terminalId", "distributorId",
                                 "townshipId", "dimensionKey", "baseValue", "stretchValue", "version", "updatedById", "updatedAt")
       SELECT $1, metric, month, spec, channel, terminal, distributor, township, dims, base::numeric, stretch::numeric, 1, $12, now() AT TIME ZONE 'UTC'
       FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
         AS v(metric, month, spec, channel, terminal, distributor, township, dims, base, stretch)
       ON CONFLICT ("planId", "metricId", "month", "dimensionKey") DO NOTHING
       RETURNING "id", "metricId", "month", "dimensionKey"`,
      input.planId,
      toInsert.map((item) => item.change.metricId),
      toInsert.map((item) => item.change.month),
      toInsert.map((item) => item.columns.productSpecId),
      toInsert.map((item) => item.columns.channelId),
      toInsert.map((item) => item.columns.terminalId),
      toInsert.map((item) => item.columns.distributorId),
      toInsert.map((item) => item.columns.townshipId),
      toInsert.map((item) => item.columns.dimensionKey),
      toInsert.map((item) => item.baseValue),
      toInsert.map((item) => item.stretchValue),
      input.actorId,
    );
    const insertedKeys = new Map(
      inserted.map((row) => [keyOf(row.metricId, Number(row.month), row.dimensionKey), String(row.id)]),
    );
    const raced = toInsert.filter((item) => !insertedKeys.has(item.key));
    if (raced.length > 0) {
      // Throwing rolls the whole transaction back: nothing of the batch stays written.
      throw new TargetCellSaveRefused(
        "CELL_CONFLICT",
        `${raced.length} cell(s) were created by someone else at the same time.`,
        { count: raced.length },
        raced.map((item) => conflictOf(item, undefined)),
      );
    }
    for (const item of toInsert) {
      results.set(item.key, {
        metricId: item.change.metricId,
        month: item.change.month,
        dimensionKey: item.columns.dimensionKey,
        id: insertedKeys.get(item.key)!,
        version: 1,
      });
    }
  }

  const before: SummaryCellValue[] = [];
  const after: SummaryCellValue[] = [];
  const audit: { entityId: string; action: string; before: string | null; after: string | null }[] = [];
  for (const item of prepared) {
    const old = existing.get(item.key);
    const next: SummaryCellValue | undefined =
      item.baseValue === null
        ? undefined
        : {
            metricId: item.change.metricId,
            month: item.change.month,
            ...item.columns,
            baseValue: item.baseValue,
            stretchValue: item.stretchValue,
          };
    if (old) before.push(old);
    if (next) after.push(next);
    if (!old && !next) continue; // deleting a cell that is not there: nothing happened
    const saved = results.get(item.key)!;
    audit.push({
      entityId: saved.id ?? old!.id,
      action: !old ? "CREATE" : !next ? "DELETE" : "UPDATE",
      before: old ? JSON.stringify({ baseValue: old.baseValue, stretchValue: old.stretchValue, version: old.version }) : null,
      after: next ? JSON.stringify({ baseValue: next.baseValue, stretchValue: next.stretchValue, version: saved.version }) : null,
    });
  }
  if (audit.length > 0) {
    await tx.$executeRawUnsafe(
      `INSERT INTO "AuditLog" ("actorId", "entity", "entityId", "action", "before", "after", "at", "planId", "orgUnitId", "requestId")
       SELECT $1, 'TargetCell', id, action, before::jsonb, after::jsonb, now() AT TIME ZONE 'UTC', $6, $7, $8
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS a(id, action, before, after)`,
      input.actorId,
      audit.map((row) => row.entityId),
      audit.map((row) => row.action),
      audit.map((row) => row.before),
      audit.map((row) => row.after),
      input.planId,
      plan.orgUnitId,
      input.requestId ?? null,
    );
  }
  await appendSummaryDeltas(tx, { cycleId: plan.cycleId, unitPath: plan.path, basis: "LATEST" }, summaryDeltasOf(before, after));

  return prepared.map(
    (item) =>
      results.get(item.key) ?? {
        metricId: item.change.metricId,
        month: item.change.month,
        dimensionKey: item.columns.dimensionKey,
        id: null,
        version: null,
      },
  );
}

function conflictOf(item: PreparedChange, current: StoredCell | undefined): CellConflict {
  return {
    metricId: item.change.metricId,
    month: item.change.month,
    dimensionKey: item.columns.dimensionKey,
    expectedVersion: item.change.expectedVersion,
    current: current
      ? {
          baseValue: current.baseValue,
          stretchValue: current.stretchValue,
          version: current.version,
          updatedById: current.updatedById,
          updatedAt: current.updatedAt,
        }
      : null,
  };
}
