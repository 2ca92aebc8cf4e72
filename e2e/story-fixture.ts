// The county's draft made submittable on the demo data, through the same GraphQL API the
// workbench uses (as the county's planner): the demo plans start empty, so the checks
// BLOCK on every required section of the document, on the missing sales revenue and gross
// profit targets, and on the A/B-class and core terminals without a target. This fills the
// required sections with a line each, plans revenue and gross profit for every product
// spec at Y-1 × 1.1 per month (inside the cycle's 0–30 % band), and splits one spec's
// January revenue over the terminals that must carry a target, exactly.
import { STANDARD_PLAN_TEMPLATE } from "../packages/domain/src/plan-template.js";

export type GraphQLCall = (query: string, variables?: Record<string, unknown>) => Promise<Record<string, unknown>>;

interface Slot {
  readonly month: number;
  readonly lastYear: { readonly value: string } | null;
}
interface GridRow {
  readonly kind: string;
  readonly productSpecId: string | null;
  readonly months: readonly Slot[];
}

/** value × 1.1 at two places, rounded half up, in exact integer fen. */
export function upTenPercent(value: string): string {
  const [whole = "0", fraction = ""] = value.split(".");
  const fen = BigInt(whole) * 100n + BigInt((fraction + "00").slice(0, 2));
  const scaled = fen * 11n;
  const result = (scaled + 5n) / 10n;
  return `${result / 100n}.${(result % 100n).toString().padStart(2, "0")}`;
}

/** `total` split into `parts` amounts that add up to it exactly (the fen left over to the first). */
export function splitExactly(total: string, parts: number): string[] {
  const [whole = "0", fraction = ""] = total.split(".");
  const fen = BigInt(whole) * 100n + BigInt((fraction + "00").slice(0, 2));
  const each = fen / BigInt(parts);
  const rest = fen - each * BigInt(parts);
  const text = (value: bigint) => `${value / 100n}.${(value % 100n).toString().padStart(2, "0")}`;
  return Array.from({ length: parts }, (_, index) => text(index === 0 ? each + rest : each));
}

export async function makeSubmittable(call: GraphQLCall, unitCode: string, year: number): Promise<void> {
  const plan = (await call(
    `query($u: String!, $y: Int!) { plan(unitCode: $u, year: $y) { id
       catalogue { metrics { id code } terminals { id classCode isCore } } } }`,
    { u: unitCode, y: year },
  )) as {
    plan: {
      id: string;
      catalogue: { metrics: { id: string; code: string }[]; terminals: { id: string; classCode: string; isCore: boolean }[] };
    };
  };
  const planId = plan.plan.id;
  const metric = (code: string) => plan.plan.catalogue.metrics.find((entry) => entry.code === code)!.id;
  for (const section of STANDARD_PLAN_TEMPLATE.filter((entry) => entry.required)) {
    const saved = (await call(
      `mutation($p: ID!, $c: String!, $b: String!) { updatePlanSection(planId: $p, code: $c, body: $b) {
         ... on PlanSectionSaved { section { version } } } }`,
      { p: planId, c: section.code, b: `${section.titleZh}：见附件。` },
    )) as { updatePlanSection: { section?: { version: number } } };
    // The targets raised over Y-1 need a method section arguing for them (TARGET_RAISED_WITHOUT_METHOD).
    if (section.code === "METHOD_OVERALL") {
      await call(
        `mutation($p: ID!, $c: String!, $l: [PlanSectionLinkInput!]!, $v: Int) {
           setPlanSectionLinks(planId: $p, code: $c, links: $l, expectedVersion: $v) { __typename } }`,
        {
          p: planId,
          c: section.code,
          l: [{ metricId: metric("SALES_REVENUE") }, { metricId: metric("GROSS_PROFIT") }],
          v: saved.updatePlanSection.section?.version ?? null,
        },
      );
    }
  }
  let firstSpecJanuary: { productSpecId: string; value: string } | null = null;
  for (const code of ["SALES_REVENUE", "GROSS_PROFIT"]) {
    const grid = (await call(
      `query($u: String!, $y: Int!, $m: ID!) { plan(unitCode: $u, year: $y) { targetGrid(metricId: $m) {
         rows { kind productSpecId months { month lastYear { value } } } } } }`,
      { u: unitCode, y: year, m: metric(code) },
    )) as { plan: { targetGrid: { rows: GridRow[] } } };
    const changes = grid.plan.targetGrid.rows
      .filter((row) => row.kind === "FIGURE" && row.productSpecId !== null)
      .flatMap((row) =>
        row.months
          .filter((slot) => slot.lastYear !== null && Number(slot.lastYear.value) > 0)
          .map((slot) => ({
            metricId: metric(code),
            month: slot.month,
            productSpecId: row.productSpecId,
            baseValue: upTenPercent(slot.lastYear!.value),
          })),
      );
    if (code === "SALES_REVENUE") {
      const january = changes.find((change) => change.month === 1);
      if (january) firstSpecJanuary = { productSpecId: january.productSpecId!, value: january.baseValue };
    }
    const saved = (await call(
      `mutation($p: ID!, $c: [TargetCellChangeInput!]!) { saveTargetCells(planId: $p, changes: $c) { __typename } }`,
      { p: planId, c: changes },
    )) as { saveTargetCells: { __typename: string } };
    if (saved.saveTargetCells.__typename !== "TargetCellsSaved") throw new Error(`saveTargetCells: ${JSON.stringify(saved)}`);
  }
  const terminals = plan.plan.catalogue.terminals.filter(
    (terminal) => terminal.isCore || ["A", "B"].includes(terminal.classCode),
  );
  if (terminals.length > 0 && firstSpecJanuary) {
    const amounts = splitExactly(firstSpecJanuary.value, terminals.length);
    await call(`mutation($p: ID!, $c: [TargetCellChangeInput!]!) { saveTargetCells(planId: $p, changes: $c) { __typename } }`, {
      p: planId,
      c: terminals.map((terminal, index) => ({
        metricId: metric("SALES_REVENUE"),
        month: 1,
        productSpecId: firstSpecJanuary!.productSpecId,
        terminalId: terminal.id,
        baseValue: amounts[index],
      })),
    });
  }
}
