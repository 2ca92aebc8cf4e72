// Writing a plan's expense budget: a batch of budget lines, all or nothing, with
// optimistic concurrency per line (as target cells: ../summary/save-target-cells.ts), and a
// virement (微调) between two items of one category. Both run in the caller's transaction
// and lock the plan FOR UPDATE: a cap is a rule over the plan's totals, so each writer must
// see every other one committed before it adds up (expense grids have few writers per plan).
//
// Lines are leaf facts: an item's budget for a month is the sum of its lines; a line without
// terminal or distributor is the part not attributed to one, never a total of the others. So
// a channel item's terminal lines and its unit line add up to the item's figure, each amount
// counted once, and a breakdown never needs "re-balancing" against a stored total.
import {
  apportionUnits,
  applyVirement,
  capExcessCaused,
  cellDimensionColumns,
  expenseDetailOf,
  expenseLineRefusal,
  expenseTotals,
  Fixed,
  isExpenseCategoryCode,
  isPlanEditable,
  isVirementAllowed,
  MONEY_SCALE,
  parseExpenseAmount,
  type CapExcess,
  type ExpenseCaps,
  type ExpenseCategoryCode,
  type ExpenseLine,
  type Month,
  type PlanStatus,
} from "@pyramid/domain";
import {
  appendCellAudit,
  editorsById,
  findDimensionOwners,
  lockPlanForCells,
  type CellAuditRow,
  type CellEditor,
  type DimensionKind,
  type LockedPlanForCells,
} from "../cells/cell-writes.js";
import type { SqlClient } from "../summary/target-summary.js";

export interface ExpenseCellChange {
  readonly itemId: string;
  readonly month: number;
  readonly terminalId: string | null;
  readonly distributorId: string | null;
  /** The new amount as typed; null deletes the line. */
  readonly amount: string | null;
  /** The version the writer read; null when the writer saw no line there. */
  readonly expectedVersion: number | null;
}

export interface SaveExpenseCellsInput {
  readonly planId: string;
  readonly actorId: string | null;
  readonly changes: readonly ExpenseCellChange[];
  readonly requestId?: string | null;
  readonly sessionId?: string | null;
}

export interface SavedExpenseCell {
  readonly itemId: string;
  readonly month: number;
  readonly terminalId: string | null;
  readonly distributorId: string | null;
  readonly dimensionKey: string;
  /** Null when the change deleted the line (or it stays absent). */
  readonly id: string | null;
  readonly version: number | null;
  readonly amount: string | null;
}

export interface ExpenseCellConflict {
  readonly itemId: string;
  readonly month: number;
  readonly terminalId: string | null;
  readonly distributorId: string | null;
  readonly dimensionKey: string;
  readonly expectedVersion: number | null;
  /** What the line holds now; null when it does not exist (any more). */
  readonly current: {
    readonly amount: string;
    readonly version: number;
    readonly updatedBy: CellEditor | null;
    readonly updatedAt: Date;
  } | null;
}

/**
 * PLAN_NOT_FOUND, PLAN_NOT_EDITABLE (params.status), INVALID_CHANGE (reason: UNKNOWN_ITEM,
 * BAD_MONTH, BAD_DIMENSION, DUPLICATE_CELL, TERMINAL_NOT_ALLOWED, DISTRIBUTOR_NOT_ALLOWED,
 * TERMINAL_AND_DISTRIBUTOR, an amount's parse code — NOT_A_NUMBER, TOO_MANY_DECIMALS,
 * TOO_LARGE, NEGATIVE …, UNKNOWN_TERMINAL / _DISTRIBUTOR, TERMINAL_ / DISTRIBUTOR_OUTSIDE_UNIT),
 * SAME_LINE, AMOUNT_NOT_POSITIVE, REASON_REQUIRED), CELL_CONFLICT (conflicts), BUDGET (reason:
 * OVER_CAP, or a virement's SOURCE_BELOW_ZERO, CROSS_CATEGORY).
 */
export type ExpenseRefusalCode = "PLAN_NOT_FOUND" | "PLAN_NOT_EDITABLE" | "INVALID_CHANGE" | "CELL_CONFLICT" | "BUDGET";

/** Nothing was written. */
export class ExpenseSaveRefused extends Error {
  readonly reason: string | null;
  readonly params: Readonly<Record<string, string | number>>;
  readonly conflicts: readonly ExpenseCellConflict[];

  constructor(
    readonly code: ExpenseRefusalCode,
    message: string,
    details: {
      reason?: string;
      params?: Readonly<Record<string, string | number>>;
      conflicts?: readonly ExpenseCellConflict[];
    } = {},
  ) {
    super(message);
    this.name = "ExpenseSaveRefused";
    this.reason = details.reason ?? null;
    this.params = details.params ?? {};
    this.conflicts = details.conflicts ?? [];
  }
}

interface ItemRow {
  readonly id: string;
  readonly code: string;
  readonly categoryCode: string;
  readonly perTerminal: boolean;
}

async function itemsById(tx: SqlClient, ids: readonly string[]): Promise<Map<string, ItemRow>> {
  const rows = await tx.$queryRaw<ItemRow[]>`
    SELECT i.id, i.code, k.code AS "categoryCode", i."perTerminal"
    FROM "ExpenseItem" i JOIN "ExpenseCategory" k ON k.id = i."categoryId"
    WHERE i.id = ANY(${[...new Set(ids)]}::text[]) AND i."isActive"`;
  return new Map(rows.map((row) => [row.id, row]));
}

const invalid = (reason: string, message: string, params: Readonly<Record<string, string | number>>) =>
  new ExpenseSaveRefused("INVALID_CHANGE", message, { reason, params });

const keyOf = (itemId: string, month: number, dimensionKey: string) => `${itemId}\u0001${month}\u0001${dimensionKey}`;

interface PreparedChange {
  readonly index: number;
  readonly change: ExpenseCellChange;
  readonly item: ItemRow;
  readonly terminalId: string | null;
  readonly distributorId: string | null;
  readonly dimensionKey: string;
  readonly key: string;
  /** Two decimals; null deletes. */
  readonly amount: string | null;
}

function prepare(changes: readonly ExpenseCellChange[], items: ReadonlyMap<string, ItemRow>): PreparedChange[] {
  const seen = new Set<string>();
  return changes.map((change, index) => {
    const item = items.get(change.itemId);
    if (item === undefined) {
      throw invalid("UNKNOWN_ITEM", `Change ${index + 1}: no expense item ${change.itemId}.`, { index, id: change.itemId });
    }
    if (!Number.isInteger(change.month) || change.month < 1 || change.month > 12) {
      throw invalid("BAD_MONTH", `Change ${index + 1}: month ${change.month} is not 1–12.`, { index, month: change.month });
    }
    const refusal = expenseLineRefusal(expenseDetailOf(item.code, item.perTerminal), change);
    if (refusal !== null) {
      throw invalid(refusal, `Change ${index + 1}: ${item.code} is not booked by this terminal or distributor line.`, {
        index,
        item: item.code,
      });
    }
    let columns: ReturnType<typeof cellDimensionColumns>;
    try {
      columns = cellDimensionColumns({ terminalId: change.terminalId, distributorId: change.distributorId });
    } catch (error) {
      throw invalid("BAD_DIMENSION", `Change ${index + 1}: ${error instanceof Error ? error.message : String(error)}.`, {
        index,
      });
    }
    const key = keyOf(item.id, change.month, columns.dimensionKey);
    if (seen.has(key)) {
      throw invalid("DUPLICATE_CELL", `Change ${index + 1}: the same line appears twice in one save.`, {
        index,
        itemId: item.id,
        month: change.month,
      });
    }
    seen.add(key);
    let amount: string | null = null;
    if (change.amount !== null) {
      const parsed = parseExpenseAmount(change.amount);
      if (!parsed.ok) {
        throw invalid(parsed.code, `Change ${index + 1}: amount: ${parsed.message}.`, { index, value: change.amount, scale: 2 });
      }
      amount = parsed.value.toString();
    }
    return {
      index,
      change,
      item,
      terminalId: columns.terminalId,
      distributorId: columns.distributorId,
      dimensionKey: columns.dimensionKey,
      key,
      amount,
    };
  });
}

/** Every terminal or distributor exists and belongs to a county inside the plan's unit. */
async function checkLines(tx: SqlClient, prepared: readonly PreparedChange[], unitPath: string): Promise<void> {
  const wanted = new Map<DimensionKind, Set<string>>([
    ["TERMINAL", new Set(prepared.flatMap((item) => (item.terminalId === null ? [] : [item.terminalId])))],
    ["DISTRIBUTOR", new Set(prepared.flatMap((item) => (item.distributorId === null ? [] : [item.distributorId])))],
  ]);
  const owners = await findDimensionOwners(tx, wanted);
  for (const item of prepared) {
    for (const [kind, id] of [
      ["TERMINAL", item.terminalId],
      ["DISTRIBUTOR", item.distributorId],
    ] as const) {
      if (id === null) continue;
      const path = owners.get(`${kind}:${id}`);
      const label = kind.toLowerCase();
      if (path === undefined)
        throw invalid(`UNKNOWN_${kind}`, `Change ${item.index + 1}: no ${label} ${id}.`, { index: item.index, id });
      if (path === null || !path.startsWith(unitPath)) {
        throw invalid(
          `${kind}_OUTSIDE_UNIT`,
          `Change ${item.index + 1}: ${label} ${id} belongs to a county outside the plan's unit.`,
          {
            index: item.index,
            id,
          },
        );
      }
    }
  }
}

interface StoredLine {
  readonly id: string;
  readonly itemId: string;
  readonly month: number;
  readonly dimensionKey: string;
  readonly amount: string;
  readonly version: number;
  readonly updatedById: string | null;
  readonly updatedAt: Date;
}

type StoredRow = Omit<StoredLine, "id" | "month" | "version"> & {
  id: bigint | string;
  month: number | bigint;
  version: number | bigint;
};

const storedOf = (row: StoredRow): StoredLine => ({
  ...row,
  id: String(row.id),
  month: Number(row.month),
  version: Number(row.version),
});

/** The plan's lines at these coordinates, locked until the transaction ends. */
async function lockLines(
  tx: SqlClient,
  planId: string,
  coordinates: readonly { itemId: string; month: number; dimensionKey: string }[],
): Promise<Map<string, StoredLine>> {
  const rows = await tx.$queryRawUnsafe<StoredRow[]>(
    `SELECT e."id", e."itemId", e."month", e."dimensionKey", e."amount"::text AS amount, e."version", e."updatedById", e."updatedAt"
     FROM "ExpenseCell" e
     JOIN unnest($2::text[], $3::int[], $4::text[]) AS k(item, month, dims)
       ON e."itemId" = k.item AND e."month" = k.month AND e."dimensionKey" = k.dims
     WHERE e."planId" = $1
     ORDER BY e."id"
     FOR UPDATE OF e`,
    planId,
    coordinates.map((c) => c.itemId),
    coordinates.map((c) => c.month),
    coordinates.map((c) => c.dimensionKey),
  );
  return new Map(
    rows.map((row) => {
      const line = storedOf(row);
      return [keyOf(line.itemId, line.month, line.dimensionKey), line];
    }),
  );
}

/** The plan's caps as the domain reads them: the approved plan total and the category caps. */
async function capsOf(tx: SqlClient, planId: string): Promise<ExpenseCaps> {
  const rows = await tx.$queryRaw<{ code: string | null; amount: string }[]>`
    SELECT NULL::text AS code, p."approvedExpenseTotal"::text AS amount FROM "Plan" p
    WHERE p.id = ${planId} AND p."approvedExpenseTotal" IS NOT NULL
    UNION ALL
    SELECT k.code, c.amount::text FROM "ExpenseCap" c JOIN "ExpenseCategory" k ON k.id = c."categoryId" WHERE c."planId" = ${planId}`;
  const categories: Partial<Record<ExpenseCategoryCode, Fixed>> = {};
  let total: Fixed | undefined;
  for (const row of rows) {
    const amount = Fixed.parse(row.amount, MONEY_SCALE);
    if (row.code === null) total = amount;
    else if (isExpenseCategoryCode(row.code)) categories[row.code] = amount;
  }
  return { ...(total !== undefined && { total }), categories };
}

const hasCaps = (caps: ExpenseCaps) => caps.total !== undefined || Object.keys(caps.categories ?? {}).length > 0;

/** The plan's budget as one line per item (what caps are about: item, category, plan totals). */
async function itemTotals(tx: SqlClient, planId: string): Promise<Map<string, { line: ExpenseLine; itemId: string }>> {
  const rows = await tx.$queryRaw<{ itemId: string; itemCode: string; categoryCode: string; amount: string }[]>`
    SELECT e."itemId", i.code AS "itemCode", k.code AS "categoryCode", sum(e.amount)::text AS amount
    FROM "ExpenseCell" e JOIN "ExpenseItem" i ON i.id = e."itemId" JOIN "ExpenseCategory" k ON k.id = i."categoryId"
    WHERE e."planId" = ${planId}
    GROUP BY e."itemId", i.code, k.code`;
  const totals = new Map<string, { line: ExpenseLine; itemId: string }>();
  for (const row of rows) {
    if (!isExpenseCategoryCode(row.categoryCode)) continue;
    totals.set(row.itemId, {
      itemId: row.itemId,
      line: { itemCode: row.itemCode, categoryCode: row.categoryCode, amount: Fixed.parse(row.amount, MONEY_SCALE) },
    });
  }
  return totals;
}

function overCap(excess: CapExcess): ExpenseSaveRefused {
  const where = excess.scope === "TOTAL" ? "the plan's expense total" : `${excess.code}`;
  return new ExpenseSaveRefused(
    "BUDGET",
    `This would take ${where} to ${excess.amount.toString()}, over its approved budget of ${excess.cap.toString()} by ${excess.excess.toString()}.`,
    {
      reason: "OVER_CAP",
      params: {
        scope: excess.scope,
        code: excess.code ?? "",
        amount: excess.amount.toString(),
        cap: excess.cap.toString(),
        excess: excess.excess.toString(),
      },
    },
  );
}

async function lockEditablePlan(
  tx: SqlClient,
  planId: string,
  allowed: (status: PlanStatus) => boolean,
  what: string,
): Promise<LockedPlanForCells> {
  const plan = await lockPlanForCells(tx, planId, "UPDATE");
  if (plan === undefined) throw new ExpenseSaveRefused("PLAN_NOT_FOUND", `No plan ${planId}.`, { params: { planId } });
  if (!allowed(plan.status)) {
    throw new ExpenseSaveRefused("PLAN_NOT_EDITABLE", `The plan is ${plan.status}: ${what}.`, {
      reason: "PLAN_NOT_EDITABLE",
      params: { status: plan.status },
    });
  }
  return plan;
}

/**
 * Saves the changes in the caller's transaction, or refuses them all (ExpenseSaveRefused).
 * Returns each line's new id, version and amount, in the order of the changes.
 */
export async function saveExpenseCells(tx: SqlClient, input: SaveExpenseCellsInput): Promise<SavedExpenseCell[]> {
  const items = await itemsById(
    tx,
    input.changes.map((change) => change.itemId),
  );
  const prepared = prepare(input.changes, items);
  const plan = await lockEditablePlan(
    tx,
    input.planId,
    isPlanEditable,
    "budget lines are written only while it is DRAFT or RETURNED",
  );
  if (prepared.length === 0) return [];
  await checkLines(tx, prepared, plan.path);

  const existing = await lockLines(
    tx,
    input.planId,
    prepared.map((item) => ({ itemId: item.item.id, month: item.change.month, dimensionKey: item.dimensionKey })),
  );
  const stale = prepared.filter((item) => {
    const current = existing.get(item.key);
    return item.change.expectedVersion === null ? current !== undefined : current?.version !== item.change.expectedVersion;
  });
  if (stale.length > 0) {
    const editors = await editorsById(
      tx,
      stale.map((item) => existing.get(item.key)?.updatedById ?? null),
    );
    throw new ExpenseSaveRefused("CELL_CONFLICT", `${stale.length} line(s) were changed by someone else since they were read.`, {
      reason: "CELL_CONFLICT",
      params: { count: stale.length },
      conflicts: stale.map((item) => {
        const current = existing.get(item.key);
        return {
          itemId: item.item.id,
          month: item.change.month,
          terminalId: item.terminalId,
          distributorId: item.distributorId,
          dimensionKey: item.dimensionKey,
          expectedVersion: item.change.expectedVersion,
          current:
            current === undefined
              ? null
              : {
                  amount: current.amount,
                  version: current.version,
                  updatedBy: current.updatedById === null ? null : (editors.get(current.updatedById) ?? null),
                  updatedAt: current.updatedAt,
                },
        };
      }),
    });
  }

  const unchanged = (item: PreparedChange) => (existing.get(item.key)?.amount ?? null) === item.amount;
  const changed = prepared.filter((item) => !unchanged(item));

  // Caps: refuse a batch that takes a capped total over its cap, or further over it.
  const caps = await capsOf(tx, input.planId);
  if (hasCaps(caps) && changed.length > 0) {
    const before = await itemTotals(tx, input.planId);
    const deltas = new Map<string, bigint>();
    for (const item of changed) {
      const old = existing.get(item.key);
      const delta =
        (item.amount === null ? 0n : Fixed.parse(item.amount, MONEY_SCALE).units) -
        (old === undefined ? 0n : Fixed.parse(old.amount, MONEY_SCALE).units);
      deltas.set(item.item.id, (deltas.get(item.item.id) ?? 0n) + delta);
    }
    const after = new Map(before);
    for (const [itemId, delta] of deltas) {
      const item = items.get(itemId)!;
      if (!isExpenseCategoryCode(item.categoryCode)) continue;
      const was = before.get(itemId)?.line.amount.units ?? 0n;
      after.set(itemId, {
        itemId,
        line: { itemCode: item.code, categoryCode: item.categoryCode, amount: Fixed.fromUnits(was + delta, MONEY_SCALE) },
      });
    }
    const excess = capExcessCaused(
      expenseTotals([...before.values()].map((entry) => entry.line)),
      expenseTotals([...after.values()].map((entry) => entry.line)),
      caps,
    );
    if (excess !== undefined) throw overCap(excess);
  }

  const results = new Map<string, SavedExpenseCell>();
  const resultOf = (item: PreparedChange, id: string | null, version: number | null): SavedExpenseCell => ({
    itemId: item.item.id,
    month: item.change.month,
    terminalId: item.terminalId,
    distributorId: item.distributorId,
    dimensionKey: item.dimensionKey,
    id: item.amount === null ? null : id,
    version: item.amount === null ? null : version,
    amount: item.amount,
  });

  const toDelete = changed.filter((item) => item.amount === null);
  const toUpdate = changed.filter((item) => item.amount !== null && existing.has(item.key));
  const toInsert = changed.filter((item) => item.amount !== null && !existing.has(item.key));
  if (toDelete.length > 0) {
    await tx.$executeRawUnsafe(
      `DELETE FROM "ExpenseCell" WHERE "id" = ANY($1::bigint[])`,
      toDelete.map((item) => existing.get(item.key)!.id),
    );
  }
  if (toUpdate.length > 0) {
    const updated = await tx.$queryRawUnsafe<{ id: bigint | string; version: number | bigint }[]>(
      `UPDATE "ExpenseCell" e SET "amount" = v.amount::numeric, "version" = e."version" + 1, "updatedById" = $3,
              "updatedAt" = now() AT TIME ZONE 'UTC'
       FROM unnest($1::bigint[], $2::text[]) AS v(id, amount)
       WHERE e."id" = v.id
       RETURNING e."id", e."version"`,
      toUpdate.map((item) => existing.get(item.key)!.id),
      toUpdate.map((item) => item.amount),
      input.actorId,
    );
    const versionById = new Map(updated.map((row) => [String(row.id), Number(row.version)]));
    for (const item of toUpdate) {
      const id = existing.get(item.key)!.id;
      results.set(item.key, resultOf(item, id, versionById.get(id)!));
    }
  }
  if (toInsert.length > 0) {
    // The plan is locked FOR UPDATE: no other save of this plan can insert the same line meanwhile.
    const inserted = await tx.$queryRawUnsafe<
      { id: bigint | string; itemId: string; month: number | bigint; dimensionKey: string }[]
    >(
      `INSERT INTO "ExpenseCell" ("planId", "itemId", "month", "terminalId", "distributorId", "dimensionKey", "amount", "version",
                                  "updatedById", "updatedAt")
       SELECT $1, item, month, terminal, distributor, dims, amount::numeric, 1, $8, now() AT TIME ZONE 'UTC'
       FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[])
         AS v(item, month, terminal, distributor, dims, amount)
       RETURNING "id", "itemId", "month", "dimensionKey"`,
      input.planId,
      toInsert.map((item) => item.item.id),
      toInsert.map((item) => item.change.month),
      toInsert.map((item) => item.terminalId),
      toInsert.map((item) => item.distributorId),
      toInsert.map((item) => item.dimensionKey),
      toInsert.map((item) => item.amount),
      input.actorId,
    );
    const idByKey = new Map(inserted.map((row) => [keyOf(row.itemId, Number(row.month), row.dimensionKey), String(row.id)]));
    for (const item of toInsert) results.set(item.key, resultOf(item, idByKey.get(item.key)!, 1));
  }

  const audit: CellAuditRow[] = changed.map((item) => {
    const old = existing.get(item.key);
    const saved = results.get(item.key);
    return {
      entityId: saved?.id ?? old!.id,
      action: old === undefined ? "CREATE" : item.amount === null ? "DELETE" : "UPDATE",
      before: old
        ? JSON.stringify({
            itemId: old.itemId,
            month: old.month,
            dimensionKey: old.dimensionKey,
            amount: old.amount,
            version: old.version,
          })
        : null,
      after:
        item.amount === null
          ? null
          : JSON.stringify({
              itemId: item.item.id,
              month: item.change.month,
              dimensionKey: item.dimensionKey,
              amount: item.amount,
              version: saved!.version,
            }),
    };
  });
  await appendCellAudit(
    tx,
    {
      entity: "ExpenseCell",
      actorId: input.actorId,
      planId: input.planId,
      orgUnitId: plan.orgUnitId,
      requestId: input.requestId,
      sessionId: input.sessionId,
    },
    audit,
  );

  return prepared.map((item) => {
    const old = existing.get(item.key);
    return results.get(item.key) ?? resultOf(item, old?.id ?? null, old?.version ?? null);
  });
}

// ---------------------------------------------------------------- virement

export interface ExpenseTransferInput {
  readonly planId: string;
  readonly actorId: string | null;
  readonly fromItemId: string;
  readonly toItemId: string;
  /** One month, or null: the whole year, taken from the source's months in proportion to their amounts. */
  readonly month: number | null;
  /** As typed. */
  readonly amount: string;
  readonly reason: string;
  readonly requestId?: string | null;
  readonly sessionId?: string | null;
}

export interface ExpenseTransferOutcome {
  /** One virement row per month it moved money in. */
  readonly transferIds: readonly string[];
  /** The unit lines it changed (the source's and the target's, per month). */
  readonly cells: readonly SavedExpenseCell[];
}

/**
 * Moves `amount` from one item's unit line (no terminal or distributor) to another item's
 * of the same category, for one month or the year, by the domain's applyVirement: never
 * below zero, never across categories, never over a cap. Writes the lines (new versions),
 * one ExpenseTransfer row per month and its audit row (before/after of both lines).
 */
export async function transferExpense(tx: SqlClient, input: ExpenseTransferInput): Promise<ExpenseTransferOutcome> {
  const items = await itemsById(tx, [input.fromItemId, input.toItemId]);
  const from = items.get(input.fromItemId);
  const to = items.get(input.toItemId);
  for (const [field, id, item] of [
    ["fromItemId", input.fromItemId, from],
    ["toItemId", input.toItemId, to],
  ] as const) {
    if (item === undefined) throw invalid("UNKNOWN_ITEM", `${field}: no expense item ${id}.`, { field, id });
  }
  if (from === undefined || to === undefined) throw new Error("unreachable");
  if (input.month !== null && (!Number.isInteger(input.month) || input.month < 1 || input.month > 12)) {
    throw invalid("BAD_MONTH", `month ${input.month} is not 1–12.`, { month: input.month });
  }
  const parsed = parseExpenseAmount(input.amount);
  if (!parsed.ok) throw invalid(parsed.code, `amount: ${parsed.message}.`, { value: input.amount, scale: 2 });
  const amount = parsed.value;
  if (!isExpenseCategoryCode(from.categoryCode) || !isExpenseCategoryCode(to.categoryCode)) {
    throw invalid("UNKNOWN_ITEM", "The items are not in the expense tree.", {});
  }

  const plan = await lockEditablePlan(
    tx,
    input.planId,
    isVirementAllowed,
    "a virement runs only while it is DRAFT, RETURNED or APPROVED",
  );
  const months = input.month === null ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] : [input.month];
  const lines = await lockLines(
    tx,
    input.planId,
    [from, to].flatMap((item) => months.map((month) => ({ itemId: item.id, month, dimensionKey: "" }))),
  );
  const amountOf = (itemId: string, month: number) => {
    const line = lines.get(keyOf(itemId, month, ""));
    return line === undefined ? 0n : Fixed.parse(line.amount, MONEY_SCALE).units;
  };
  const sum = (itemId: string) => months.reduce((total, month) => total + amountOf(itemId, month), 0n);
  const money = (units: bigint) => Fixed.fromUnits(units, MONEY_SCALE);
  const ref = (code: string) => (input.month === null ? { itemCode: code } : { itemCode: code, month: input.month as Month });

  // The domain's rule, on the lines the virement moves between (for the year: their year totals).
  // A virement inside one category changes no category or plan total, so the caps are
  // checked on what it touches; the domain still refuses whatever it would cross.
  const verdict = applyVirement({
    lines: [
      { ...ref(from.code), categoryCode: from.categoryCode, amount: money(sum(from.id)) },
      ...(from.id === to.id ? [] : [{ ...ref(to.code), categoryCode: to.categoryCode, amount: money(sum(to.id)) }]),
    ],
    from: ref(from.code),
    to: { ...ref(to.code), categoryCode: to.categoryCode },
    amount,
    reason: input.reason,
    caps: await capsOf(tx, input.planId),
  });
  if (!verdict.ok) {
    // What the request got wrong is bad input; what the budget does not allow is a budget rule.
    const badInput = verdict.code === "SAME_LINE" || verdict.code === "AMOUNT_NOT_POSITIVE" || verdict.code === "REASON_REQUIRED";
    throw new ExpenseSaveRefused(badInput ? "INVALID_CHANGE" : "BUDGET", virementMessage(verdict.code, verdict.params), {
      reason: verdict.code,
      params: verdict.params,
    });
  }

  // The amount per month: all of it in the one month, or in proportion to the source's months.
  const weights = months.map((month) => amountOf(from.id, month));
  const parts = input.month === null ? apportionUnits(amount.units, weights) : [amount.units];
  const cells: SavedExpenseCell[] = [];
  const transferIds: string[] = [];
  for (const [index, month] of months.entries()) {
    const part = parts[index] ?? 0n;
    if (part === 0n) continue;
    const fromBefore = amountOf(from.id, month);
    const toBefore = amountOf(to.id, month);
    const fromLine = await writeUnitLine(tx, input, lines.get(keyOf(from.id, month, "")), from.id, month, fromBefore - part);
    const toLine = await writeUnitLine(tx, input, lines.get(keyOf(to.id, month, "")), to.id, month, toBefore + part);
    cells.push(fromLine, toLine);
    const rows = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "ExpenseTransfer" ("id", "planId", "fromItemId", "toItemId", "month", "amount", "reason", "actorId", "createdAt")
      VALUES (gen_random_uuid()::text, ${input.planId}, ${from.id}, ${to.id}, ${month}, ${money(part).toString()}::numeric,
              ${verdict.log.reason}, ${input.actorId}, now() AT TIME ZONE 'UTC')
      RETURNING "id"`;
    const transferId = rows[0]!.id;
    transferIds.push(transferId);
    const state = (fromUnits: bigint, fromVersion: number | null, toUnits: bigint, toVersion: number | null) =>
      JSON.stringify({
        from: { itemId: from.id, itemCode: from.code, month, amount: money(fromUnits).toString(), version: fromVersion },
        to: { itemId: to.id, itemCode: to.code, month, amount: money(toUnits).toString(), version: toVersion },
        category: from.categoryCode,
        amount: money(part).toString(),
        reason: verdict.log.reason,
      });
    await appendCellAudit(
      tx,
      {
        entity: "ExpenseTransfer",
        actorId: input.actorId,
        planId: input.planId,
        orgUnitId: plan.orgUnitId,
        requestId: input.requestId,
        sessionId: input.sessionId,
      },
      [
        {
          entityId: transferId,
          action: "EXPENSE_TRANSFER",
          before: state(
            fromBefore,
            lines.get(keyOf(from.id, month, ""))?.version ?? null,
            toBefore,
            lines.get(keyOf(to.id, month, ""))?.version ?? null,
          ),
          after: state(fromBefore - part, fromLine.version, toBefore + part, toLine.version),
        },
      ],
    );
  }
  return { transferIds, cells };
}

/** Writes one unit line to `units` (a new version; created when absent). */
async function writeUnitLine(
  tx: SqlClient,
  input: ExpenseTransferInput,
  old: StoredLine | undefined,
  itemId: string,
  month: number,
  units: bigint,
): Promise<SavedExpenseCell> {
  const amount = Fixed.fromUnits(units, MONEY_SCALE).toString();
  const rows =
    old === undefined
      ? await tx.$queryRaw<{ id: bigint | string; version: number | bigint }[]>`
          INSERT INTO "ExpenseCell" ("planId", "itemId", "month", "dimensionKey", "amount", "version", "updatedById", "updatedAt")
          VALUES (${input.planId}, ${itemId}, ${month}, '', ${amount}::numeric, 1, ${input.actorId}, now() AT TIME ZONE 'UTC')
          RETURNING "id", "version"`
      : await tx.$queryRaw<{ id: bigint | string; version: number | bigint }[]>`
          UPDATE "ExpenseCell" SET "amount" = ${amount}::numeric, "version" = "version" + 1, "updatedById" = ${input.actorId},
                 "updatedAt" = now() AT TIME ZONE 'UTC'
          WHERE "id" = ${BigInt(old.id)}
          RETURNING "id", "version"`;
  const row = rows[0]!;
  return {
    itemId,
    month,
    terminalId: null,
    distributorId: null,
    dimensionKey: "",
    id: String(row.id),
    version: Number(row.version),
    amount,
  };
}

function virementMessage(code: string, params: Readonly<Record<string, string>>): string {
  switch (code) {
    case "SOURCE_BELOW_ZERO":
      return `Only ${params.available ?? "0.00"} is budgeted on ${params.item ?? "the source item"}; ${params.amount ?? ""} cannot be moved.`;
    case "CROSS_CATEGORY":
      return `A virement stays inside one category: ${params.fromCategory ?? ""} → ${params.toCategory ?? ""} is not one.`;
    case "OVER_CAP":
      return `This would take ${params.code || "the plan total"} over its approved budget of ${params.cap ?? ""}.`;
    case "SAME_LINE":
      return "A virement moves money between two different items.";
    case "AMOUNT_NOT_POSITIVE":
      return "A virement moves an amount above zero.";
    case "REASON_REQUIRED":
      return "A virement needs a reason.";
    default:
      return `The virement is refused (${code}).`;
  }
}
