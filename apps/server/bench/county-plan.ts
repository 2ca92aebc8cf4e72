// A full county plan for the bench: the demo company's plans are empty, so before
// `countyPlanLoad` is measured, one county's 2027 plan is filled the way a planner would
// fill it, through the real cell save (audit rows and summary deltas included):
//   sales revenue, volume and gross profit: a cell per spec × channel × month (the 2025
//     actual × 1.12), and each spec's figure as their sum (the channel breakdown adds up);
//   sales revenue per A/B terminal: each spec's figure split A 3 : B 1 (adds up exactly);
//   collection: a cell per channel × month and the spec-less figure as their sum;
//   market share 25.00 % and distribution rate 60.00 % for every month.
import { apportionUnits, Fixed, type CellDimensions } from "@pyramid/domain";
import type { DataAccess, TargetCellChange } from "@pyramid/db";
import { decimalOf } from "../src/modules/plans/values.js";

const UPLIFT = "1.12";
const BATCH = 500;

export async function fillCountyPlan(dataAccess: DataAccess, unitCode: string, year: number): Promise<number> {
  const { planWorkbench } = dataAccess.repositories;
  const [plan] = await planWorkbench.findPlans(unitCode, year);
  if (!plan) throw new Error(`no ${year} plan for ${unitCode}`);
  const catalogue = await planWorkbench.catalogue(plan.unit.path);
  const actuals = await planWorkbench.actuals(plan.unit.path, [year - 2]);
  const metric = (code: string) => {
    const found = catalogue.metrics.find((candidate) => candidate.code === code);
    if (!found) throw new Error(`no metric ${code}`);
    return found;
  };
  const changes: TargetCellChange[] = [];
  const add = (metricId: string, month: number, dimensions: CellDimensions, value: Fixed) =>
    changes.push({ metricId, month, dimensions, baseValue: value.toString(), expectedVersion: null });
  const terminals = catalogue.terminals.filter((terminal) => terminal.countyId === plan.unit.id && terminal.classRank <= 2);
  const weights = terminals.map((terminal) => (terminal.classRank === 1 ? 3n : 1n));

  for (const code of ["SALES_REVENUE", "SALES_VOLUME", "GROSS_PROFIT", "COLLECTION"]) {
    const { id, scale } = metric(code);
    const figures = new Map<string, Fixed>();
    for (const actual of actuals) {
      if (actual.metricId !== id || actual.channelId === null) continue;
      const value = decimalOf(actual.value, scale).rescale(scale).times(UPLIFT);
      add(id, actual.month, { productSpecId: actual.productSpecId, channelId: actual.channelId }, value);
      const key = `${actual.productSpecId ?? ""}|${actual.month}`;
      figures.set(key, (figures.get(key) ?? Fixed.zero(scale)).plus(value));
    }
    for (const [key, value] of figures) {
      const [spec = "", month = "0"] = key.split("|");
      add(id, Number(month), spec === "" ? {} : { productSpecId: spec }, value);
      if (code !== "SALES_REVENUE" || spec === "" || terminals.length === 0) continue;
      apportionUnits(value.units, weights).forEach((units, index) =>
        add(id, Number(month), { productSpecId: spec, terminalId: terminals[index]!.id }, Fixed.fromUnits(units, scale)),
      );
    }
  }
  for (const [code, value] of [
    ["MARKET_SHARE", "25.00"],
    ["DISTRIBUTION_RATE", "60.00"],
  ] as const) {
    for (let month = 1; month <= 12; month++) add(metric(code).id, month, {}, Fixed.parse(value, 2));
  }

  for (let start = 0; start < changes.length; start += BATCH) {
    const batch = changes.slice(start, start + BATCH);
    await dataAccess.inTransaction((tx) =>
      tx.targetCells.save({ planId: plan.id, actorId: null, changes: batch, requestId: "bench" }),
    );
  }
  return changes.length;
}
