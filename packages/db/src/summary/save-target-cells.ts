// Saving a batch of target cells: all or nothing, optimistic concurrency per cell.
//
// Two planners editing different cells of one plan both succeed; two editing the same
// cell conflict, and the second one is told what the cell holds now and who changed it.
// The pattern every state-changing write follows: inside one transaction, lock what the
// write guards (the plan, shared: saves of one plan run side by side, a workflow
// transition takes it exclusively), re-check the domain rule (the plan is editable), write
// the cells with their audit rows and the summary deltas, commit.
import { cellDimensionColumns, isPlanEditable, parseTargetValue, type CellDimensions } from "@pyramid/domain";
import {
  appendCellAudit,
  editorsById,
  findDimensionOwners,
  lockPlanForCells,
  type CellEditor,
  type DimensionKind,
} from "../cells/cell-writes.js";
import { appendSummaryDeltas, type SqlClient } from "./target-summary.js";
import { summaryDeltasOf, type SummaryCellValue } from "./summary-lines.js";

export interface TargetCellChange {
  readonly metricId: string;
  readonly month: number;
  readonly dimensions: CellDimensions;
  /** The new base value (基本任务) as decimal text; null deletes the cell. */
  readonly baseValue: string | null;
  /** The new stretch value (力争); null: none; absent: the cell keeps its own (none for a new cell). */
  readonly stretchValue?: string | null;
  /** Held against re-splitting; absent: the cell keeps its flag (false for a new cell). */
  readonly isHeld?: boolean;
  /** The version the writer read; null when the writer saw no cell there. */
  readonly expectedVersion: number | null;
}

export interface SaveTargetCellsInput {
  readonly planId: string;
  readonly actorId: string | null;
  readonly changes: readonly TargetCellChange[];
  /** The request that made the change, for the audit log. */
  readonly requestId?: string | null;
  /** The session that made it, for the audit log. */
  readonly sessionId?: string | null;
}

export interface SavedTargetCell {
  readonly metricId: string;
  readonly month: number;
  readonly dimensionKey: string;
  /** Null when the change deleted the cell. */
  readonly id: string | null;
  readonly version: number | null;
  /** What the cell holds now (null base: it was deleted). */
  readonly baseValue: string | null;
  readonly stretchValue: string | null;
  readonly isHeld: boolean;
}

export type { CellEditor };

export interface CellConflict {
  readonly metricId: string;
  readonly month: number;
  readonly dimensionKey: string;
  readonly expectedVersion: number | null;
  /** What the cell holds now (null: it does not exist any more). */
  readonly current: {
    readonly baseValue: string;
    readonly stretchValue: string | null;
    readonly isHeld: boolean;
    readonly version: number;
    readonly updatedById: string | null;
    /** The user behind updatedById (null: none recorded, or the system). */
    readonly updatedBy: CellEditor | null;
    readonly updatedAt: Date;
  } | null;
}

export type SaveRefusalCode = "PLAN_NOT_FOUND" | "PLAN_NOT_EDITABLE" | "INVALID_CHANGE" | "CELL_CONFLICT";

/**
 * Why an INVALID_CHANGE was refused: UNKNOWN_METRIC, BAD_MONTH, BAD_DIMENSION (an id the key
 * cannot hold), DUPLICATE_CELL, a value's parse code (NOT_A_NUMBER, BAD_GROUPING,
 * TOO_MANY_DECIMALS, EMPTY, TOO_LARGE), UNKNOWN_PRODUCT_SPEC / _CHANNEL / _TERMINAL /
 * _DISTRIBUTOR / _TOWNSHIP, or TERMINAL_ / DISTRIBUTOR_ / TOWNSHIP_OUTSIDE_UNIT (it belongs
 * to a county outside the plan's unit).
 */
export type SaveRefusalReason = string;

export interface SaveRefusalDetails {
  readonly reason?: SaveRefusalReason;
  /** Values for the message: the offending change's index, ids, the text, the scale. */
  readonly params?: Readonly<Record<string, string | number>>;
  readonly conflicts?: readonly CellConflict[];
}

/** The save wrote nothing. `conflicts` lists every stale cell of the batch (CELL_CONFLICT). */
export class TargetCellSaveRefused extends Error {
  readonly reason: SaveRefusalReason | null;
  readonly params: Readonly<Record<string, string | number>>;
  readonly conflicts: readonly CellConflict[];

  constructor(
    readonly code: SaveRefusalCode,
    message: string,
    details: SaveRefusalDetails = {},
  ) {
    super(message);
    this.name = "TargetCellSaveRefused";
    this.reason = details.reason ?? null;
    this.params = details.params ?? {};
    this.conflicts = details.conflicts ?? [];
  }
}

interface StoredCell extends SummaryCellValue {
  readonly id: string;
  readonly dimensionKey: string;
  readonly isHeld: boolean;
  readonly version: number;
  readonly updatedById: string | null;
  readonly updatedAt: Date;
}

const keyOf = (metricId: string, month: number, dimensionKey: string) => `${metricId}\u0001${month}\u0001${dimensionKey}`;

/** The value at the column's two decimals, refused when the metric or the column cannot hold it. */
function valueText(value: string, what: string, metricScale: number, index: number): string {
  const parsed = parseTargetValue(value, metricScale);
  if (!parsed.ok) {
    throw new TargetCellSaveRefused("INVALID_CHANGE", `Change ${index + 1}: ${what}: ${parsed.message}.`, {
      reason: parsed.code,
      params: { index, value, scale: parsed.scale },
    });
  }
  return parsed.value.toString();
}

interface PreparedChange {
  readonly index: number;
  readonly change: TargetCellChange;
  readonly columns: ReturnType<typeof cellDimensionColumns>;
  readonly key: string;
  readonly baseValue: string | null;
  /** undefined: keep the stored one. */
  readonly stretchValue: string | null | undefined;
}

function invalid(reason: string, message: string, params: Readonly<Record<string, string | number>>): TargetCellSaveRefused {
  return new TargetCellSaveRefused("INVALID_CHANGE", message, { reason, params });
}

function prepare(changes: readonly TargetCellChange[], scaleOf: ReadonlyMap<string, number>): PreparedChange[] {
  const seen = new Set<string>();
  return changes.map((change, index) => {
    const scale = scaleOf.get(change.metricId);
    if (scale === undefined) {
      throw invalid("UNKNOWN_METRIC", `Change ${index + 1}: no metric ${change.metricId}.`, { index, metricId: change.metricId });
    }
    if (!Number.isInteger(change.month) || change.month < 1 || change.month > 12) {
      throw invalid("BAD_MONTH", `Change ${index + 1}: month ${change.month} is not 1–12.`, { index, month: change.month });
    }
    let columns: ReturnType<typeof cellDimensionColumns>;
    try {
      columns = cellDimensionColumns(change.dimensions);
    } catch (error) {
      throw invalid("BAD_DIMENSION", `Change ${index + 1}: ${error instanceof Error ? error.message : String(error)}.`, {
        index,
      });
    }
    const key = keyOf(change.metricId, change.month, columns.dimensionKey);
    if (seen.has(key)) {
      throw invalid("DUPLICATE_CELL", `Change ${index + 1}: the same cell appears twice in one save.`, {
        index,
        metricId: change.metricId,
        month: change.month,
        dimensionKey: columns.dimensionKey,
      });
    }
    seen.add(key);
    const baseValue = change.baseValue === null ? null : valueText(change.baseValue, "base value", scale, index);
    const stretchValue =
      change.baseValue === null || change.stretchValue === null
        ? null
        : change.stretchValue === undefined
          ? undefined
          : valueText(change.stretchValue, "stretch value", scale, index);
    return { index, change, columns, key, baseValue, stretchValue };
  });
}

const DIMENSION_FIELDS: readonly {
  readonly kind: DimensionKind;
  readonly field: keyof CellDimensions;
  readonly owned: boolean;
}[] = [
  { kind: "PRODUCT_SPEC", field: "productSpecId", owned: false },
  { kind: "CHANNEL", field: "channelId", owned: false },
  { kind: "TERMINAL", field: "terminalId", owned: true },
  { kind: "DISTRIBUTOR", field: "distributorId", owned: true },
  { kind: "TOWNSHIP", field: "townshipId", owned: true },
];

/**
 * Every dimension id names a row that exists, and a terminal, distributor or township
 * belongs to a county inside the plan's unit (the county itself for a county plan).
 */
async function checkDimensions(tx: SqlClient, prepared: readonly PreparedChange[], unitPath: string): Promise<void> {
  const wanted = new Map<DimensionKind, Set<string>>(DIMENSION_FIELDS.map(({ kind }) => [kind, new Set<string>()]));
  for (const item of prepared) {
    for (const { kind, field } of DIMENSION_FIELDS) {
      const id = item.columns[field];
      if (id !== null) wanted.get(kind)!.add(id);
    }
  }
  const found = await findDimensionOwners(tx, wanted);
  for (const item of prepared) {
    for (const { kind, field, owned } of DIMENSION_FIELDS) {
      const id = item.columns[field];
      if (id === null) continue;
      const path = found.get(`${kind}:${id}`);
      const label = kind.toLowerCase().replace("_", " ");
      if (path === undefined) {
        throw invalid(`UNKNOWN_${kind}`, `Change ${item.index + 1}: no ${label} ${id}.`, { index: item.index, id });
      }
      if (owned && (path === null || !path.startsWith(unitPath))) {
        throw invalid(
          `${kind}_OUTSIDE_UNIT`,
          `Change ${item.index + 1}: ${label} ${id} belongs to a county outside the plan's unit.`,
          { index: item.index, id },
        );
      }
    }
  }
}

const STORED_COLUMNS = `c."id", c."metricId", c."month", c."productSpecId", c."channelId", c."terminalId", c."distributorId", c."townshipId",
            c."dimensionKey", c."baseValue"::text AS "baseValue", c."stretchValue"::text AS "stretchValue", c."isHeld",
            c."version", c."updatedById", c."updatedAt"`;

type StoredRow = Omit<StoredCell, "id"> & { id: bigint | string };

const storedCellOf = (row: StoredRow): StoredCell => ({
  ...row,
  id: String(row.id),
  month: Number(row.month),
  version: Number(row.version),
});

/** The stored cells of the plan at the prepared coordinates; `lock` holds them until the transaction ends. */
async function readCells(
  tx: SqlClient,
  planId: string,
  items: readonly PreparedChange[],
  lock: boolean,
): Promise<Map<string, StoredCell>> {
  const rows = await tx.$queryRawUnsafe<StoredRow[]>(
    `SELECT ${STORED_COLUMNS}
     FROM "TargetCell" c
     JOIN unnest($2::text[], $3::int[], $4::text[]) AS k(metric, month, dims)
       ON c."metricId" = k.metric AND c."month" = k.month AND c."dimensionKey" = k.dims
     WHERE c."planId" = $1
     ORDER BY c."id"${lock ? `\n     FOR UPDATE OF c` : ""}`,
    planId,
    items.map((item) => item.change.metricId),
    items.map((item) => item.change.month),
    items.map((item) => item.columns.dimensionKey),
  );
  const cells = new Map<string, StoredCell>();
  for (const row of rows) {
    const cell = storedCellOf(row);
    cells.set(keyOf(cell.metricId, cell.month, cell.dimensionKey), cell);
  }
  return cells;
}

/**
 * Saves the changes in the caller's transaction, or refuses them all with
 * TargetCellSaveRefused. Returns each cell's new id, version and values, in the order of
 * the changes.
 */
export async function saveTargetCells(tx: SqlClient, input: SaveTargetCellsInput): Promise<SavedTargetCell[]> {
  const metricIds = [...new Set(input.changes.map((change) => change.metricId))];
  const metrics = await tx.$queryRaw<
    { id: string; scale: number }[]
  >`SELECT "id", "scale" FROM "Metric" WHERE "id" = ANY(${metricIds}::text[])`;
  const prepared = prepare(input.changes, new Map(metrics.map((metric) => [metric.id, Number(metric.scale)])));

  // Shared lock: saves of one plan do not wait for each other, a transition (FOR UPDATE) waits for them.
  const plan = await lockPlanForCells(tx, input.planId, "SHARE");
  if (plan === undefined) {
    throw new TargetCellSaveRefused("PLAN_NOT_FOUND", `No plan ${input.planId}.`, { params: { planId: input.planId } });
  }
  if (!isPlanEditable(plan.status)) {
    throw new TargetCellSaveRefused("PLAN_NOT_EDITABLE", `The plan is ${plan.status} and cannot be edited.`, {
      reason: "PLAN_NOT_EDITABLE",
      params: { status: plan.status },
    });
  }
  if (prepared.length === 0) return [];
  await checkDimensions(tx, prepared, plan.path);

  const existing = await readCells(tx, input.planId, prepared, true);

  const stale: { item: PreparedChange; current: StoredCell | undefined }[] = [];
  for (const item of prepared) {
    const current = existing.get(item.key);
    const isStale =
      item.change.expectedVersion === null ? current !== undefined : current?.version !== item.change.expectedVersion;
    if (isStale) stale.push({ item, current });
  }
  if (stale.length > 0) {
    throw new TargetCellSaveRefused(
      "CELL_CONFLICT",
      `${stale.length} cell(s) were changed by someone else since they were read.`,
      {
        reason: "CELL_CONFLICT",
        params: { count: stale.length },
        conflicts: await conflictsOf(tx, stale),
      },
    );
  }

  /** The cell's state after the change: undefined when it is deleted (or stays absent). */
  const nextOf = (item: PreparedChange): { base: string; stretch: string | null; held: boolean } | undefined => {
    if (item.baseValue === null) return undefined;
    const old = existing.get(item.key);
    return {
      base: item.baseValue,
      stretch: item.stretchValue === undefined ? (old?.stretchValue ?? null) : item.stretchValue,
      held: item.change.isHeld ?? old?.isHeld ?? false,
    };
  };

  /** A change that leaves the cell as it is: not written, no new version, no audit row. */
  const unchanged = (item: PreparedChange): boolean => {
    const old = existing.get(item.key);
    const next = nextOf(item);
    if (old === undefined || next === undefined) return old === undefined && next === undefined;
    return old.baseValue === next.base && old.stretchValue === next.stretch && old.isHeld === next.held;
  };
  const toDelete = prepared.filter((item) => item.baseValue === null && existing.has(item.key));
  const toUpdate = prepared.filter((item) => item.baseValue !== null && existing.has(item.key) && !unchanged(item));
  const toInsert = prepared.filter((item) => item.baseValue !== null && !existing.has(item.key));

  if (toDelete.length > 0) {
    await tx.$executeRawUnsafe(
      `DELETE FROM "TargetCell" WHERE "id" = ANY($1::bigint[])`,
      toDelete.map((item) => existing.get(item.key)!.id),
    );
  }
  const results = new Map<string, SavedTargetCell>();
  const resultOf = (item: PreparedChange, id: string | null, version: number | null): SavedTargetCell => {
    const next = nextOf(item);
    return {
      metricId: item.change.metricId,
      month: item.change.month,
      dimensionKey: item.columns.dimensionKey,
      id: next ? id : null,
      version: next ? version : null,
      baseValue: next?.base ?? null,
      stretchValue: next?.stretch ?? null,
      isHeld: next?.held ?? false,
    };
  };
  if (toUpdate.length > 0) {
    const nexts = toUpdate.map((item) => nextOf(item)!);
    const updated = await tx.$queryRawUnsafe<{ id: bigint | string; version: number }[]>(
      `UPDATE "TargetCell" c SET "baseValue" = v.base::numeric, "stretchValue" = v.stretch::numeric, "isHeld" = v.held,
              "version" = c."version" + 1, "updatedById" = $5, "updatedAt" = now() AT TIME ZONE 'UTC'
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::boolean[]) AS v(id, base, stretch, held)
       WHERE c."id" = v.id
       RETURNING c."id", c."version"`,
      toUpdate.map((item) => existing.get(item.key)!.id),
      nexts.map((next) => next.base),
      nexts.map((next) => next.stretch),
      nexts.map((next) => next.held),
      input.actorId,
    );
    const versionById = new Map(updated.map((row) => [String(row.id), Number(row.version)]));
    for (const item of toUpdate) {
      const id = existing.get(item.key)!.id;
      results.set(item.key, resultOf(item, id, versionById.get(id)!));
    }
  }
  if (toInsert.length > 0) {
    const nexts = toInsert.map((item) => nextOf(item)!);
    // A cell created by someone else since we looked is a conflict, not an error: ON CONFLICT
    // DO NOTHING and count what went in.
    const inserted = await tx.$queryRawUnsafe<{ id: bigint | string; metricId: string; month: number; dimensionKey: string }[]>(
      `INSERT INTO "TargetCell" ("planId", "metricId", "month", "productSpecId", "channelId", "terminalId", "distributorId",
                                 "townshipId", "dimensionKey", "baseValue", "stretchValue", "isHeld", "version", "updatedById", "updatedAt")
       SELECT $1, metric, month, spec, channel, terminal, distributor, township, dims, base::numeric, stretch::numeric, held, 1, $13,
              now() AT TIME ZONE 'UTC'
       FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
                   $12::boolean[])
         AS v(metric, month, spec, channel, terminal, distributor, township, dims, base, stretch, held)
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
      nexts.map((next) => next.base),
      nexts.map((next) => next.stretch),
      nexts.map((next) => next.held),
      input.actorId,
    );
    const insertedKeys = new Map(
      inserted.map((row) => [keyOf(row.metricId, Number(row.month), row.dimensionKey), String(row.id)]),
    );
    const raced = toInsert.filter((item) => !insertedKeys.has(item.key));
    if (raced.length > 0) {
      // The other writer has committed (ON CONFLICT waited for it): a new statement sees its cells.
      const now = await readCells(tx, input.planId, raced, false);
      // Throwing rolls the whole transaction back: nothing of the batch stays written.
      throw new TargetCellSaveRefused("CELL_CONFLICT", `${raced.length} cell(s) were created by someone else at the same time.`, {
        reason: "CELL_CONFLICT",
        params: { count: raced.length },
        conflicts: await conflictsOf(
          tx,
          raced.map((item) => ({ item, current: now.get(item.key) })),
        ),
      });
    }
    for (const item of toInsert) results.set(item.key, resultOf(item, insertedKeys.get(item.key)!, 1));
  }

  const before: SummaryCellValue[] = [];
  const after: SummaryCellValue[] = [];
  const audit: { entityId: string; action: string; before: string | null; after: string | null }[] = [];
  for (const item of prepared) {
    if (unchanged(item)) continue; // deleting a cell that is not there, or writing what is there: nothing happened
    const old = existing.get(item.key);
    const next = nextOf(item);
    if (old) before.push(old);
    if (next) {
      after.push({
        metricId: item.change.metricId,
        month: item.change.month,
        ...item.columns,
        baseValue: next.base,
        stretchValue: next.stretch,
      });
    }
    const saved = results.get(item.key);
    audit.push({
      entityId: saved?.id ?? old!.id,
      action: !old ? "CREATE" : !next ? "DELETE" : "UPDATE",
      before: old
        ? JSON.stringify({ baseValue: old.baseValue, stretchValue: old.stretchValue, isHeld: old.isHeld, version: old.version })
        : null,
      after: next
        ? JSON.stringify({ baseValue: next.base, stretchValue: next.stretch, isHeld: next.held, version: saved!.version })
        : null,
    });
  }
  await appendCellAudit(
    tx,
    {
      entity: "TargetCell",
      actorId: input.actorId,
      planId: input.planId,
      orgUnitId: plan.orgUnitId,
      requestId: input.requestId,
      sessionId: input.sessionId,
    },
    audit,
  );
  await appendSummaryDeltas(tx, { cycleId: plan.cycleId, unitPath: plan.path, basis: "LATEST" }, summaryDeltasOf(before, after));

  return prepared.map((item) => {
    const old = existing.get(item.key);
    return results.get(item.key) ?? resultOf(item, old?.id ?? null, old?.version ?? null);
  });
}

/** The conflicts of the stale changes, with the users who last changed each cell. */
async function conflictsOf(
  tx: SqlClient,
  stale: readonly { readonly item: PreparedChange; readonly current: StoredCell | undefined }[],
): Promise<CellConflict[]> {
  const userById = await editorsById(
    tx,
    stale.map(({ current }) => current?.updatedById ?? null),
  );
  return stale.map(({ item, current }) => ({
    metricId: item.change.metricId,
    month: item.change.month,
    dimensionKey: item.columns.dimensionKey,
    expectedVersion: item.change.expectedVersion,
    current: current
      ? {
          baseValue: current.baseValue,
          stretchValue: current.stretchValue,
          isHeld: current.isHeld,
          version: current.version,
          updatedById: current.updatedById,
          updatedBy: current.updatedById ? (userById.get(current.updatedById) ?? null) : null,
          updatedAt: current.updatedAt,
        }
      : null,
  }));
}
