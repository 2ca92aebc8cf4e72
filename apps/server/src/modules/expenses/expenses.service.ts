// The expense budget of a plan: the read side (Plan.expenses, expenseTransfers,
// expenseRatios, resolved only when asked, on the plan the plans service found and the
// viewer may see) and the two writes (saveExpenseCells, transferExpense).
//
// Reads: the tree, the plan's lines and caps, and past spending summed over the unit's
// subtree; totals are exact (bigint fen), category totals and cap excesses come from the
// domain (expenseTotals, findCapExcesses), the ratios from expenseRatioReport, the findings
// from the plan checks (the same run as Plan.findings). Writes: parse (zod), ask the policy
// for EDIT_PLAN on the plan's unit (NOT_FOUND otherwise, as for no plan), then one
// transaction in the repository (plan locked, versions compared, caps, audit).
import {
  ExpenseSaveRefused,
  type ExpenseActualRecord,
  type ExpenseCellConflict,
  type ExpenseCellRecord,
  type ExpenseItemRecord,
  type ExpenseTransferRecord,
  type Repositories,
  type DataAccess,
  type SavedExpenseCell,
} from "@pyramid/db";
import {
  actualFigures,
  DEFAULT_PLAN_CHECK_THRESHOLDS,
  expenseDetailOf,
  expenseRatioReport,
  expenseTotals,
  findCapExcesses,
  Fixed,
  isExpenseCategoryCode,
  MAX_EXPENSE_CHANGES_PER_SAVE,
  MONEY_SCALE,
  type ExpenseCaps,
  type ExpenseCategoryCode,
  type ExpenseFigures,
  type ExpenseLine,
  type Month,
  type RatioComparison,
} from "@pyramid/domain";
import { requireAccess, requireViewer, notFound } from "../../access-guard.js";
import { DomainError } from "../../errors.js";
import type { RequestInfo } from "../../http/request-session.js";
import type { Viewer } from "../../viewer.js";
import { parseInput } from "../plan-edits/plan-edits.input.js";
import type { PlanDto, PlanFindingsDto, PlansService } from "../plans/plans.service.js";
import { decimalOf, moneyOf, ratioText } from "../plans/values.js";
import { checkExpenseBatchSize, saveExpenseCellsSchema, transferExpenseSchema } from "./expenses.inputs.js";

// ------------------------------------------------------------------ DTOs

type Finding = PlanFindingsDto["items"][number];

export interface ExpenseAmountsDto {
  readonly months: string[];
  readonly total: string;
  readonly lastYear: string | null;
  readonly yearBefore: string | null;
}

export interface ExpenseMonthDto {
  readonly month: number;
  readonly cellId: string | null;
  readonly amount: string;
  readonly version: number | null;
  readonly updatedBy: ExpenseCellRecord["updatedBy"];
  readonly updatedAt: Date | null;
  readonly lastYear: string | null;
  readonly yearBefore: string | null;
}

export interface ExpenseLineBudgetDto {
  readonly terminalId: string | null;
  readonly distributorId: string | null;
  readonly dimensionKey: string;
  readonly months: ExpenseMonthDto[];
  readonly total: string;
  readonly lastYear: string | null;
  readonly yearBefore: string | null;
}

export interface ExpenseItemBudgetDto {
  readonly itemId: string;
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly detailDimension: "TERMINAL" | "DISTRIBUTOR" | null;
  readonly lines: ExpenseLineBudgetDto[];
  readonly amounts: ExpenseAmountsDto;
}

export interface ExpenseCategoryBudgetDto {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly controllability: string;
  readonly items: ExpenseItemBudgetDto[];
  readonly amounts: ExpenseAmountsDto;
  readonly cap: string | null;
  readonly left: string | null;
}

export interface PlanExpensesDto {
  readonly planId: string;
  readonly categories: ExpenseCategoryBudgetDto[];
  readonly amounts: ExpenseAmountsDto;
  readonly cap: string | null;
  readonly left: string | null;
  readonly capExcesses: { scope: string; code: string | null; amount: string; cap: string; excess: string }[];
  readonly lastYearActualThroughMonth: number;
  readonly findings: Finding[];
  readonly maxChangesPerSave: number;
}

export interface ExpenseTransferDto {
  readonly id: string;
  readonly fromItemId: string;
  readonly fromItemCode: string;
  readonly toItemId: string;
  readonly toItemCode: string;
  readonly categoryCode: string;
  readonly month: number;
  readonly amount: string;
  readonly reason: string;
  readonly actor: ExpenseTransferRecord["actor"];
  readonly createdAt: Date;
  readonly fromBefore: string | null;
  readonly fromAfter: string | null;
  readonly toBefore: string | null;
  readonly toAfter: string | null;
}

interface RatioDeviationDto {
  readonly year: number | null;
  readonly reference: string | null;
  readonly delta: string | null;
  readonly relativeDelta: string | null;
}

interface RatioComparisonDto {
  readonly current: string | null;
  readonly lastYear: RatioDeviationDto;
  readonly yearBefore: RatioDeviationDto;
  readonly siblings: RatioDeviationDto;
  readonly siblingCount: number;
}

export interface ExpenseRatioSetDto {
  readonly categoryCode: string | null;
  readonly expense: string;
  readonly expenseToSales: RatioComparisonDto;
  readonly expensePerGrossProfit: RatioComparisonDto;
}

export interface PlanExpenseRatiosDto {
  readonly basis: { year: number; actualThroughMonth: number; expense: string; salesRevenue: string; grossProfit: string }[];
  readonly total: ExpenseRatioSetDto;
  readonly categories: ExpenseRatioSetDto[];
  readonly findings: Finding[];
}

export type SaveExpenseCellsResultDto =
  | { readonly __typename: "ExpenseCellsSaved"; readonly planId: string; readonly cells: readonly SavedExpenseCell[] }
  | {
      readonly __typename: "ExpenseCellsConflict";
      readonly planId: string;
      readonly message: string;
      readonly conflicts: readonly ExpenseCellConflict[];
    };

export interface TransferExpensePayloadDto {
  readonly transfers: ExpenseTransferDto[];
  readonly cells: SavedExpenseCell[];
}

// ------------------------------------------------------------------ helpers

const CAP_FINDINGS = new Set(["EXPENSE_OVER_CAP"]);
const RATIO_FINDINGS = new Set(["EXPENSE_RATIO_OFF_HISTORY", "EXPENSE_RATIO_OFF_SIBLINGS", "CONTRIBUTION_NOT_POSITIVE"]);

const money = (units: bigint) => Fixed.fromUnits(units, MONEY_SCALE).toString();
const fen = (text: string) => moneyOf(text).units;

/** Twelve month sums and a year's sum per year, in fen; a year is null until a row of it is seen. */
class Tally {
  readonly months: bigint[] = new Array<bigint>(12).fill(0n);
  lastYear: bigint | null = null;
  yearBefore: bigint | null = null;

  add(month: number, units: bigint): void {
    this.months[month - 1] = (this.months[month - 1] ?? 0n) + units;
  }

  addPast(which: "lastYear" | "yearBefore", units: bigint): void {
    this[which] = (this[which] ?? 0n) + units;
  }

  addAll(other: Tally): void {
    other.months.forEach((units, index) => this.add(index + 1, units));
    if (other.lastYear !== null) this.addPast("lastYear", other.lastYear);
    if (other.yearBefore !== null) this.addPast("yearBefore", other.yearBefore);
  }

  get total(): bigint {
    return this.months.reduce((sum, units) => sum + units, 0n);
  }

  dto(): ExpenseAmountsDto {
    return {
      months: this.months.map(money),
      total: money(this.total),
      lastYear: this.lastYear === null ? null : money(this.lastYear),
      yearBefore: this.yearBefore === null ? null : money(this.yearBefore),
    };
  }
}

function deviationDto(
  year: number | null,
  deviation: Pick<RatioComparison["siblings"], "reference" | "delta" | "relativeDelta"> | undefined,
): RatioDeviationDto {
  return {
    year,
    reference: ratioText(deviation?.reference ?? null),
    delta: ratioText(deviation?.delta ?? null),
    relativeDelta: ratioText(deviation?.relativeDelta ?? null),
  };
}

function comparisonDto(comparison: RatioComparison, lastYear: number, yearBefore: number): RatioComparisonDto {
  const of = (year: number) => comparison.history.find((entry) => entry.year === year);
  return {
    current: ratioText(comparison.current),
    lastYear: deviationDto(lastYear, of(lastYear)),
    yearBefore: deviationDto(yearBefore, of(yearBefore)),
    siblings: deviationDto(null, comparison.siblings),
    siblingCount: comparison.siblings.count,
  };
}

// ------------------------------------------------------------------ the service

export interface ExpensesServiceDependencies {
  readonly dataAccess: Pick<DataAccess, "repositories" | "inTransaction">;
  readonly plans: PlansService;
}

export class ExpensesService {
  /** The reads of one plan in one request, shared by its expense fields. */
  private readonly memo = new WeakMap<PlanDto, Map<string, Promise<unknown>>>();

  constructor(private readonly dependencies: ExpensesServiceDependencies) {}

  private get repositories(): Repositories {
    return this.dependencies.dataAccess.repositories;
  }

  private once<T>(plan: PlanDto, key: string, load: () => Promise<T>): Promise<T> {
    let reads = this.memo.get(plan);
    if (reads === undefined) this.memo.set(plan, (reads = new Map()));
    let found = reads.get(key) as Promise<T> | undefined;
    if (found === undefined) reads.set(key, (found = load()));
    return found;
  }

  private tree(plan: PlanDto) {
    return this.once(plan, "tree", () => this.repositories.expenses.tree());
  }

  private actuals(plan: PlanDto): Promise<ExpenseActualRecord[]> {
    const { unit, cycle } = plan.reads.record;
    return this.once(plan, "actuals", () => this.repositories.expenses.actuals(unit.path, [cycle.year - 1, cycle.year - 2]));
  }

  private findings(plan: PlanDto): Promise<PlanFindingsDto> {
    return this.once(plan, "findings", () => this.dependencies.plans.findings(plan));
  }

  /** The budget: categories → items → lines × months, with past spending, totals and caps. */
  async expenses(plan: PlanDto): Promise<PlanExpensesDto> {
    const record = plan.reads.record;
    const year = record.cycle.year;
    const [tree, cells, actuals, capsRecord, findings] = await Promise.all([
      this.tree(plan),
      this.repositories.expenses.cells(record.id),
      this.actuals(plan),
      this.repositories.planChecks.expenseCaps(record.id),
      this.findings(plan),
    ]);

    interface LineSlot {
      readonly terminalId: string | null;
      readonly distributorId: string | null;
      readonly dimensionKey: string;
      readonly cells: (ExpenseCellRecord | undefined)[];
      readonly past: { lastYear: (bigint | null)[]; yearBefore: (bigint | null)[] };
      readonly tally: Tally;
    }
    const linesByItem = new Map<string, Map<string, LineSlot>>();
    const slotOf = (itemId: string, row: { terminalId: string | null; distributorId: string | null; dimensionKey: string }) => {
      let lines = linesByItem.get(itemId);
      if (lines === undefined) linesByItem.set(itemId, (lines = new Map()));
      let slot = lines.get(row.dimensionKey);
      if (slot === undefined) {
        slot = {
          terminalId: row.terminalId,
          distributorId: row.distributorId,
          dimensionKey: row.dimensionKey,
          cells: new Array<ExpenseCellRecord | undefined>(12).fill(undefined),
          past: { lastYear: new Array<bigint | null>(12).fill(null), yearBefore: new Array<bigint | null>(12).fill(null) },
          tally: new Tally(),
        };
        lines.set(row.dimensionKey, slot);
      }
      return slot;
    };
    for (const cell of cells) {
      const slot = slotOf(cell.itemId, cell);
      slot.cells[cell.month - 1] = cell;
      slot.tally.add(cell.month, fen(cell.amount));
    }
    for (const actual of actuals) {
      const which = actual.year === year - 1 ? "lastYear" : actual.year === year - 2 ? "yearBefore" : null;
      if (which === null) continue;
      const slot = slotOf(actual.itemId, actual);
      const units = fen(actual.amount);
      slot.past[which][actual.month - 1] = (slot.past[which][actual.month - 1] ?? 0n) + units;
      slot.tally.addPast(which, units);
    }

    const itemById = new Map(tree.items.map((item) => [item.id, item]));
    const domainLines: ExpenseLine[] = cells.flatMap((cell) => {
      const item = itemById.get(cell.itemId);
      if (item === undefined || !isExpenseCategoryCode(item.categoryCode)) return [];
      return [
        {
          itemCode: item.code,
          categoryCode: item.categoryCode,
          month: cell.month as Month,
          ...(cell.terminalId !== null && { terminalId: cell.terminalId }),
          ...(cell.distributorId !== null && { distributorId: cell.distributorId }),
          amount: moneyOf(cell.amount),
        },
      ];
    });
    const totals = expenseTotals(domainLines);
    const categoryCaps: Partial<Record<ExpenseCategoryCode, Fixed>> = {};
    for (const cap of capsRecord.categories) {
      if (isExpenseCategoryCode(cap.categoryCode)) categoryCaps[cap.categoryCode] = moneyOf(cap.amount);
    }
    const caps: ExpenseCaps = {
      ...(capsRecord.total !== null && { total: moneyOf(capsRecord.total) }),
      categories: categoryCaps,
    };

    const planTally = new Tally();
    const categories = tree.categories.map((category): ExpenseCategoryBudgetDto => {
      const categoryTally = new Tally();
      const items = tree.items
        .filter((item) => item.categoryId === category.id)
        .map((item): ExpenseItemBudgetDto => {
          const lines = linesByItem.get(item.id) ?? new Map<string, LineSlot>();
          const unitLine = lines.get("") ?? slotOf(item.id, { terminalId: null, distributorId: null, dimensionKey: "" });
          const others = [...(linesByItem.get(item.id)?.values() ?? [])]
            .filter((slot) => slot.dimensionKey !== "")
            .sort((a, b) => (a.dimensionKey < b.dimensionKey ? -1 : a.dimensionKey > b.dimensionKey ? 1 : 0));
          const itemTally = new Tally();
          for (const slot of [unitLine, ...others]) itemTally.addAll(slot.tally);
          categoryTally.addAll(itemTally);
          return {
            itemId: item.id,
            code: item.code,
            nameZh: item.nameZh,
            nameEn: item.nameEn,
            detailDimension: expenseDetailOf(item.code, item.perTerminal),
            lines: [unitLine, ...others].map((slot) => lineDto(slot)),
            amounts: itemTally.dto(),
          };
        });
      planTally.addAll(categoryTally);
      const code = category.code;
      const cap = isExpenseCategoryCode(code) ? categoryCaps[code] : undefined;
      const total = isExpenseCategoryCode(code) ? totals.byCategory[code] : Fixed.fromUnits(categoryTally.total, MONEY_SCALE);
      return {
        code,
        nameZh: category.nameZh,
        nameEn: category.nameEn,
        controllability: category.controllability,
        items,
        amounts: categoryTally.dto(),
        cap: cap?.toString() ?? null,
        left: cap === undefined ? null : cap.minus(total).toString(),
      };
    });

    return {
      planId: record.id,
      categories,
      amounts: planTally.dto(),
      cap: caps.total?.toString() ?? null,
      left: caps.total === undefined ? null : caps.total.minus(totals.total).toString(),
      capExcesses: findCapExcesses(totals, caps).map((excess) => ({
        scope: excess.scope,
        code: excess.code,
        amount: excess.amount.toString(),
        cap: excess.cap.toString(),
        excess: excess.excess.toString(),
      })),
      lastYearActualThroughMonth: actuals.reduce((last, row) => (row.year === year - 1 ? Math.max(last, row.month) : last), 0),
      findings: findings.items.filter((finding) => CAP_FINDINGS.has(finding.code)),
      maxChangesPerSave: MAX_EXPENSE_CHANGES_PER_SAVE,
    };

    function lineDto(slot: LineSlot): ExpenseLineBudgetDto {
      const past = (value: bigint | null) => (value === null ? null : money(value));
      return {
        terminalId: slot.terminalId,
        distributorId: slot.distributorId,
        dimensionKey: slot.dimensionKey,
        months: slot.cells.map((cell, index) => ({
          month: index + 1,
          cellId: cell?.id ?? null,
          amount: cell === undefined ? money(0n) : money(fen(cell.amount)),
          version: cell?.version ?? null,
          updatedBy: cell?.updatedBy ?? null,
          updatedAt: cell?.updatedAt ?? null,
          lastYear: past(slot.past.lastYear[index] ?? null),
          yearBefore: past(slot.past.yearBefore[index] ?? null),
        })),
        total: money(slot.tally.total),
        lastYear: past(slot.tally.lastYear),
        yearBefore: past(slot.tally.yearBefore),
      };
    }
  }

  /** The plan's virements, newest first. */
  async transfers(plan: PlanDto): Promise<ExpenseTransferDto[]> {
    const [tree, records] = await Promise.all([this.tree(plan), this.repositories.expenses.transfers(plan.id)]);
    return transferDtos(tree.items, records);
  }

  /** 费用率 and expense per unit of gross profit for the unit's subtree, against Y-1, Y-2 and the siblings' median. */
  async ratios(plan: PlanDto): Promise<PlanExpenseRatiosDto> {
    const { planChecks, targetSummary, expenses } = this.repositories;
    const record = plan.reads.record;
    const year = record.cycle.year;
    const { salesMetric, profitMetric } = DEFAULT_PLAN_CHECK_THRESHOLDS;
    const [tree, catalogue, salesActuals, expenseActuals, findings, parentsChildren] = await Promise.all([
      this.tree(plan),
      plan.reads.catalogue(),
      plan.reads.actuals(),
      this.actuals(plan),
      this.findings(plan),
      record.unit.parentId === null ? Promise.resolve([]) : planChecks.childUnits(record.unit.parentId),
    ]);
    const self = { id: record.unit.id, path: record.unit.path };
    const siblings = parentsChildren.filter((unit) => unit.id !== record.unit.id);
    const units = [self, ...siblings.map((unit) => ({ id: unit.id, path: unit.path }))];
    const [planned, ...summaries] = await Promise.all([
      expenses.plannedByCategory(record.cycle.id, units),
      ...units.map((unit) =>
        targetSummary.read({
          cycleId: record.cycle.id,
          orgUnitId: unit.id,
          unitPath: unit.path,
          basis: "LATEST",
          scope: "SUBTREE",
          lines: "FIGURES",
        }),
      ),
    ]);
    const metricId = (code: string) => catalogue.metrics.find((metric) => metric.code === code)?.id;
    const salesId = metricId(salesMetric);
    const profitId = metricId(profitMetric);
    const planned_ = (index: number) => {
      let sales = 0n;
      let profit = 0n;
      for (const line of summaries[index] ?? []) {
        if (line.metricId === salesId) sales += fen(line.baseSum);
        if (line.metricId === profitId) profit += fen(line.baseSum);
      }
      return { sales, profit, byCategory: planned.get(units[index]!.id) ?? new Map<string, string>() };
    };

    // Past years: spending per category from the expense actuals, sales and gross profit
    // from the sales actuals, each amount read once (actualFigures: figures, or one axis standing in).
    const categoryOfItem = new Map(tree.items.map((item) => [item.id, item.categoryCode]));
    const codeOfMetric = new Map(catalogue.metrics.map((metric) => [metric.id, metric]));
    const past = (y: number) => {
      const byCategory = new Map<string, bigint>();
      let seen = false;
      let through = 0;
      for (const actual of salesActuals) if (actual.year === y) through = Math.max(through, actual.month);
      for (const actual of expenseActuals) {
        if (actual.year !== y) continue;
        seen = true;
        through = Math.max(through, actual.month);
        const category = categoryOfItem.get(actual.itemId);
        if (category !== undefined) byCategory.set(category, (byCategory.get(category) ?? 0n) + fen(actual.amount));
      }
      const figures = actualFigures(
        salesActuals
          .filter((actual) => actual.year === y && (actual.metricId === salesId || actual.metricId === profitId))
          .map((actual) => {
            const metric = codeOfMetric.get(actual.metricId)!;
            return {
              metricCode: metric.code,
              month: actual.month as Month,
              productSpecId: actual.productSpecId,
              channelId: actual.channelId,
              terminalId: actual.terminalId,
              distributorId: actual.distributorId,
              townshipId: actual.townshipId,
              value: decimalOf(actual.value, metric.scale),
            };
          }),
      );
      const sum = (code: string) =>
        figures
          .filter((figure) => figure.metricCode === code)
          .reduce((total, figure) => total + figure.value.rescale(MONEY_SCALE).units, 0n);
      return { seen, through, byCategory, sales: sum(salesMetric), profit: sum(profitMetric) };
    };
    const history = [
      { year: year - 1, ...past(year - 1) },
      { year: year - 2, ...past(year - 2) },
    ];

    const current = planned_(0);
    const siblingFigures = siblings.map((_, index) => planned_(index + 1));
    const sumOf = (byCategory: ReadonlyMap<string, string | bigint>, category: string | null) => {
      let units = 0n;
      for (const [code, value] of byCategory) {
        if (category === null || code === category) units += typeof value === "bigint" ? value : fen(value);
      }
      return units;
    };
    const figuresOf = (expense: bigint, sales: bigint, profit: bigint): ExpenseFigures => ({
      expense: Fixed.fromUnits(expense, MONEY_SCALE),
      salesRevenue: Fixed.fromUnits(sales, MONEY_SCALE),
      grossProfit: Fixed.fromUnits(profit, MONEY_SCALE),
    });
    const ratioSet = (category: string | null): ExpenseRatioSetDto => {
      const expense = sumOf(current.byCategory, category);
      const report = expenseRatioReport(
        figuresOf(expense, current.sales, current.profit),
        history
          .filter((entry) => entry.seen)
          .map((entry) => ({
            year: entry.year,
            figures: figuresOf(sumOf(entry.byCategory, category), entry.sales, entry.profit),
          })),
        siblingFigures.map((sibling) => figuresOf(sumOf(sibling.byCategory, category), sibling.sales, sibling.profit)),
      );
      return {
        categoryCode: category,
        expense: money(expense),
        expenseToSales: comparisonDto(report.expenseToSales, year - 1, year - 2),
        expensePerGrossProfit: comparisonDto(report.expensePerGrossProfit, year - 1, year - 2),
      };
    };

    return {
      basis: [
        {
          year,
          actualThroughMonth: 12,
          expense: money(sumOf(current.byCategory, null)),
          salesRevenue: money(current.sales),
          grossProfit: money(current.profit),
        },
        ...history.map((entry) => ({
          year: entry.year,
          actualThroughMonth: entry.through,
          expense: money(sumOf(entry.byCategory, null)),
          salesRevenue: money(entry.sales),
          grossProfit: money(entry.profit),
        })),
      ],
      total: ratioSet(null),
      categories: tree.categories.map((category) => ratioSet(category.code)),
      findings: findings.items.filter((finding) => RATIO_FINDINGS.has(finding.code)),
    };
  }

  // ---------------------------------------------------------------- writes

  /** Writes a batch of lines, all or nothing; a stale line answers ExpenseCellsConflict. */
  async saveExpenseCells(viewer: Viewer | null, args: unknown, request: RequestInfo): Promise<SaveExpenseCellsResultDto> {
    const editor = requireViewer(viewer);
    checkExpenseBatchSize((args as { changes?: unknown } | null)?.changes);
    const input = parseInput(saveExpenseCellsSchema, args);
    await this.requireEditPlan(editor, input.planId);
    try {
      const cells = await this.dependencies.dataAccess.inTransaction((tx) =>
        tx.expenses.save({
          planId: input.planId,
          actorId: editor.userId,
          requestId: request.requestId,
          sessionId: editor.sessionId ?? null,
          changes: input.changes.map((change) => ({
            itemId: change.itemId,
            month: change.month,
            terminalId: change.terminalId ?? null,
            distributorId: change.distributorId ?? null,
            amount: change.amount ?? null,
            expectedVersion: change.expectedVersion ?? null,
          })),
        }),
      );
      return { __typename: "ExpenseCellsSaved", planId: input.planId, cells };
    } catch (error) {
      if (error instanceof ExpenseSaveRefused && error.code === "CELL_CONFLICT") {
        return { __typename: "ExpenseCellsConflict", planId: input.planId, message: error.message, conflicts: error.conflicts };
      }
      throw refusal(error, input.planId);
    }
  }

  /** One virement between two items of one category, with its reason. */
  async transferExpense(viewer: Viewer | null, args: unknown, request: RequestInfo): Promise<TransferExpensePayloadDto> {
    const editor = requireViewer(viewer);
    const input = parseInput(transferExpenseSchema, args);
    await this.requireEditPlan(editor, input.planId);
    try {
      const outcome = await this.dependencies.dataAccess.inTransaction((tx) =>
        tx.expenses.transfer({
          planId: input.planId,
          actorId: editor.userId,
          fromItemId: input.fromItemId,
          toItemId: input.toItemId,
          month: input.month ?? null,
          amount: input.amount,
          reason: input.reason,
          requestId: request.requestId,
          sessionId: editor.sessionId ?? null,
        }),
      );
      const [tree, records] = await Promise.all([
        this.repositories.expenses.tree(),
        this.repositories.expenses.transfers(input.planId),
      ]);
      const made = new Set(outcome.transferIds);
      return {
        transfers: transferDtos(
          tree.items,
          records.filter((transfer) => made.has(transfer.id)),
        ).sort((a, b) => a.month - b.month),
        cells: [...outcome.cells],
      };
    } catch (error) {
      throw refusal(error, input.planId);
    }
  }

  /** The plan exists and the policy lets the viewer EDIT_PLAN its unit; NOT_FOUND otherwise. */
  private async requireEditPlan(viewer: Viewer, planId: string): Promise<void> {
    const plan = await this.repositories.planSections.findPlanForEdit(planId);
    requireAccess(viewer, "EDIT_PLAN", plan, (found) => found.unitPath, { entity: "PLAN", id: planId });
  }
}

function transferDtos(items: readonly ExpenseItemRecord[], records: readonly ExpenseTransferRecord[]): ExpenseTransferDto[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  return records.map((record) => ({
    ...record,
    fromItemCode: byId.get(record.fromItemId)?.code ?? record.fromItemId,
    toItemCode: byId.get(record.toItemId)?.code ?? record.toItemId,
    categoryCode: byId.get(record.fromItemId)?.categoryCode ?? "",
  }));
}

/** A repository refusal as the one error vocabulary; anything else passes through. */
function refusal(error: unknown, planId: string): unknown {
  if (!(error instanceof ExpenseSaveRefused)) return error;
  switch (error.code) {
    case "PLAN_NOT_FOUND":
      return notFound({ entity: "PLAN", id: planId });
    case "PLAN_NOT_EDITABLE":
      // The same code and reason as every other edit of a plan; the message says what the status allows here.
      return new DomainError("INVALID_TRANSITION", error.message, {
        reason: "PLAN_NOT_EDITABLE",
        params: { status: String(error.params["status"]) },
      });
    case "INVALID_CHANGE":
      return new DomainError("VALIDATION_FAILED", error.message, {
        reason: error.reason ?? "INVALID_CHANGE",
        params: error.params,
      });
    case "BUDGET":
      return new DomainError("BUDGET_RULE_BROKEN", error.message, { reason: error.reason ?? "BUDGET", params: error.params });
    case "CELL_CONFLICT":
      return new DomainError("CONFLICT", error.message, { reason: "CELL_CONFLICT" });
  }
}
