// What the review screen and the guidance split read of a parent and its direct children in
// one cycle, each read once per request: the units, their plans, the maintained summary (the
// parent's own items as drafted; each child's whole subtree at the basis), the actuals of
// Y-1 and Y-2 per subtree (Y-1 completed by the estimate where its months have no actual),
// planned expenses and guidance. Amounts are Fixed at the stored scale (0.01).
import type {
  Repositories,
  ReviewDimensions,
  ReviewPlanRecord,
  SummaryLine,
  UnitActualRecord,
  WorkbenchPlanRecord,
} from "@pyramid/db";
import { estimateYear, Fixed, type OrgLevel } from "@pyramid/domain";

export type RollupBasis = "APPROVED" | "LATEST";

/** Values are compared and summed at the stored scale. */
export const STORED_SCALE = 2;

export interface ReviewUnitDto {
  readonly id: string;
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly level: OrgLevel;
  readonly path: string;
}

export interface LastYear {
  readonly value: Fixed;
  readonly estimated: boolean;
}

export const stored = (text: string): Fixed => Fixed.parse(text, STORED_SCALE);

/** Σ of a metric's figure lines (channel "") over the year. */
export function figureTotal(lines: readonly SummaryLine[], metricId: string): Fixed {
  let units = 0n;
  for (const line of lines) if (line.metricId === metricId && line.channelKey === "") units += stored(line.baseSum).units;
  return Fixed.fromUnits(units, STORED_SCALE);
}

function memo<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | null = null;
  return () => (value ??= make());
}

export class ReviewReads {
  readonly children: () => Promise<ReviewUnitDto[]>;
  readonly dimensions: () => Promise<ReviewDimensions>;
  readonly plans: () => Promise<Map<string, ReviewPlanRecord>>;
  /** The parent's own plan's lines, as drafted (LATEST, OWN). */
  readonly ownLines: () => Promise<SummaryLine[]>;
  /** Per child: its subtree's lines at the basis. */
  readonly childLines: () => Promise<Map<string, SummaryLine[]>>;
  readonly expenses: () => Promise<Map<string, string>>;
  /** Per unit id: metric id → guidance. */
  readonly guidance: () => Promise<Map<string, Map<string, { value: Fixed; note: string | null }>>>;
  private readonly lastYears = new Map<string, () => Promise<Map<string, { y1: LastYear | null; y2: Fixed | null }>>>();

  constructor(
    private readonly repositories: Repositories,
    readonly record: WorkbenchPlanRecord,
    readonly basis: RollupBasis,
  ) {
    const cycleId = record.cycle.id;
    this.children = memo(async () => {
      const rows = await repositories.review.childUnits(record.unit.id);
      return rows;
    });
    this.dimensions = memo(() => repositories.review.dimensions());
    this.plans = memo(async () => {
      const children = await this.children();
      const rows = await repositories.review.plans(cycleId, [record.unit.id, ...children.map((child) => child.id)]);
      return new Map(rows.map((row) => [row.orgUnitId, row]));
    });
    this.ownLines = memo(() =>
      repositories.targetSummary.read({
        cycleId,
        orgUnitId: record.unit.id,
        unitPath: record.unit.path,
        basis: "LATEST",
        scope: "OWN",
      }),
    );
    this.childLines = memo(async () => {
      const children = await this.children();
      const byChild = new Map<string, SummaryLine[]>();
      // One after the other: on PGlite (one connection) parallel reads only queue.
      for (const child of children) {
        byChild.set(
          child.id,
          await repositories.targetSummary.read({
            cycleId,
            orgUnitId: child.id,
            unitPath: child.path,
            basis,
            scope: "SUBTREE",
          }),
        );
      }
      return byChild;
    });
    this.expenses = memo(async () => {
      const children = await this.children();
      return repositories.planChecks.plannedExpenses(cycleId, [
        { id: record.unit.id, path: record.unit.path },
        ...children.map((child) => ({ id: child.id, path: child.path })),
      ]);
    });
    this.guidance = memo(async () => {
      const children = await this.children();
      const rows = await repositories.cycleAdmin.guidance(cycleId, [record.unit.id, ...children.map((child) => child.id)]);
      const byUnit = new Map<string, Map<string, { value: Fixed; note: string | null }>>();
      for (const row of rows) {
        let metrics = byUnit.get(row.orgUnitId);
        if (!metrics) byUnit.set(row.orgUnitId, (metrics = new Map()));
        metrics.set(row.metricId, { value: stored(row.value), note: row.upliftNote });
      }
      return byUnit;
    });
  }

  /** The parent and its children, the parent first. */
  async units(): Promise<ReviewUnitDto[]> {
    const { unit } = this.record;
    const parent: ReviewUnitDto = {
      id: unit.id,
      code: unit.code,
      nameZh: unit.nameZh,
      nameEn: unit.nameEn,
      level: unit.level,
      path: unit.path,
    };
    return [parent, ...(await this.children())];
  }

  /**
   * Per unit (the parent's whole subtree, each child's): Y-1 (actuals, and the estimate by
   * last year's seasonality for months not loaded yet, as the workbench shows it) and Y-2.
   * "Loaded" is per metric: the last month of Y-1 with any actual among these units.
   */
  lastYear(metricId: string): Promise<Map<string, { y1: LastYear | null; y2: Fixed | null }>> {
    return this.lastYearOf([metricId]).then((byMetric) => byMetric.get(metricId)!);
  }

  /**
   * `lastYear` of several metrics, their actuals read in one query (each metric's result is
   * computed from its own rows only, exactly as `lastYear` of it alone).
   */
  async lastYearOf(metricIds: readonly string[]): Promise<Map<string, Map<string, { y1: LastYear | null; y2: Fixed | null }>>> {
    const missing = [...new Set(metricIds)].filter((metricId) => !this.lastYears.has(metricId));
    if (missing.length > 0) {
      const rows = memo(async () => {
        const units = await this.units();
        const year = this.record.cycle.year;
        return { units, rows: await this.repositories.review.actualsByUnit(units, [year - 1, year - 2], missing) };
      });
      for (const metricId of missing) {
        this.lastYears.set(
          metricId,
          memo(async () => {
            const read = await rows();
            return this.lastYearFrom(
              read.units,
              read.rows.filter((row) => row.metricId === metricId),
            );
          }),
        );
      }
    }
    const byMetric = new Map<string, Map<string, { y1: LastYear | null; y2: Fixed | null }>>();
    for (const metricId of metricIds) byMetric.set(metricId, await this.lastYears.get(metricId)!());
    return byMetric;
  }

  private lastYearFrom(
    units: readonly ReviewUnitDto[],
    rows: readonly UnitActualRecord[],
  ): Map<string, { y1: LastYear | null; y2: Fixed | null }> {
    const year = this.record.cycle.year;
    const months = new Map<string, { y1: (bigint | null)[]; y2: (bigint | null)[] }>();
    let through = 0;
    for (const unit of units) months.set(unit.id, { y1: new Array(12).fill(null), y2: new Array(12).fill(null) });
    for (const row of rows) {
      const entry = months.get(row.unitId);
      if (!entry) continue;
      const units12 = row.year === year - 1 ? entry.y1 : entry.y2;
      units12[row.month - 1] = (units12[row.month - 1] ?? 0n) + stored(row.value).units;
      if (row.year === year - 1) through = Math.max(through, row.month);
    }
    const result = new Map<string, { y1: LastYear | null; y2: Fixed | null }>();
    for (const [unitId, { y1, y2 }] of months) {
      const estimate = estimateYear({ actual: y1, actualThrough: through, reference: y2, method: "LAST_YEAR_SEASONALITY" });
      const y2Any = y2.some((value) => value !== null);
      result.set(unitId, {
        y1:
          estimate.year === null
            ? null
            : { value: Fixed.fromUnits(estimate.year, STORED_SCALE), estimated: estimate.methodUsed !== null },
        y2: y2Any
          ? Fixed.fromUnits(
              y2.reduce<bigint>((sum, value) => sum + (value ?? 0n), 0n),
              STORED_SCALE,
            )
          : null,
      });
    }
    return result;
  }
}
