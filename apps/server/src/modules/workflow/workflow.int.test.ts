// The workflow service on a real database: two transitions of one plan at once (exactly
// one wins), HQ's waiver, and a property test over random sequences of cell edits and
// transitions against an independent model of the rules (DOMAIN.md section 2), with the
// maintained summary compared with a fresh scan of the cells.
import {
  createOrgUnit,
  createPlan,
  createPlanCycle,
  createUser,
  ensureStandardMetrics,
  useTestDatabase,
  type Db,
} from "@pyramid/db/testing";
import { PLAN_CHECK_CODES, type PlanStatus, type Role } from "@pyramid/domain";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../../errors.js";
import { createServices } from "../../services.js";
import type { Viewer } from "../../viewer.js";

const getDb = useTestDatabase();
let services: ReturnType<typeof createServices>;

beforeAll(() => {
  services = createServices({ dataAccess: getDb().dataAccess, version: "test", log: { error: () => undefined } });
});

let requestCounter = 0;
const request = () => ({ requestId: `wf-${++requestCounter}`, clientAddress: "127.0.0.1", userAgent: null });

interface Unit {
  id: string;
  path: string;
  depth: number;
  planId: string;
}

let people = 0;
async function person(prisma: Db, roles: [[Role, Unit], ...[Role, Unit][]]): Promise<Viewer> {
  const [[role, unit], ...more] = roles;
  const { user } = await createUser(prisma, { orgUnitId: unit.id, role, login: `wf.${++people}` });
  for (const [other, at] of more)
    await prisma.roleAssignment.create({ data: { userId: user.id, role: other, orgUnitId: at.id } });
  return {
    userId: user.id,
    sessionId: `s-${people}`,
    assignments: roles.map(([r, at]) => ({ role: r, orgUnitId: at.id, orgUnitPath: at.path })),
  };
}

/** HQ → province → city → counties K1, K2; every check switched off (the story test covers them). */
async function buildPyramid(prisma: Db) {
  const metrics = await ensureStandardMetrics(prisma);
  const cycle = await createPlanCycle(prisma, { year: 2027 });
  await prisma.planCycle.update({
    where: { id: cycle.id },
    data: { checkConfig: Object.fromEntries(PLAN_CHECK_CODES.map((code) => [code, { enabled: false }])) },
  });
  const unit = async (level: "HQ" | "PROVINCE" | "CITY" | "COUNTY", parent?: Unit): Promise<Unit> => {
    const row = await createOrgUnit(prisma, { level, parent: parent ?? null });
    const plan = await createPlan(prisma, { cycleId: cycle.id, orgUnitId: row.id });
    return { id: row.id, path: row.path, depth: row.depth, planId: plan.id };
  };
  const hq = await unit("HQ");
  const province = await unit("PROVINCE", hq);
  const city = await unit("CITY", province);
  const k1 = await unit("COUNTY", city);
  const k2 = await unit("COUNTY", city);
  return { cycle, revenue: metrics.get("SALES_REVENUE")!.id, units: { hq, province, city, k1, k2 } };
}

async function refusalOf(promise: Promise<unknown>): Promise<{ code: string; reason: string | undefined; params: unknown }> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, reason: error.reason, params: error.params };
  }
  throw new Error("expected a refusal");
}

describe("two transitions of one plan at once", () => {
  it("an approve and a return: exactly one wins, the other is refused with INVALID_TRANSITION", async () => {
    const { prisma } = getDb();
    const { units } = await buildPyramid(prisma);
    const planner = await person(prisma, [["PLANNER", units.k1]]);
    const reviewerA = await person(prisma, [["REVIEWER", units.city]]);
    const reviewerB = await person(prisma, [["REVIEWER", units.city]]);
    const planId = units.k1.planId;
    const winners: string[] = [];
    for (let round = 0; round < 4; round++) {
      await services.workflow.submitPlan(planner, { planId }, request());
      const results = await Promise.allSettled([
        services.workflow.approvePlan(reviewerA, { planId }, request()),
        services.workflow.returnPlan(reviewerB, { planId, reason: "并发退回" }, request()),
      ]);
      const fulfilled = results.filter((result) => result.status === "fulfilled");
      const rejected = results.filter((result): result is PromiseRejectedResult => result.status === "rejected");
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      const status = (await prisma.plan.findUniqueOrThrow({ where: { id: planId } })).status;
      const error = rejected[0]!.reason as DomainError;
      expect(error).toBeInstanceOf(DomainError);
      expect({ code: error.code, reason: error.reason, params: error.params }).toEqual({
        code: "INVALID_TRANSITION",
        reason: "INVALID_TRANSITION",
        params: { from: status, action: status === "APPROVED" ? "RETURN" : "APPROVE" },
      });
      winners.push(status);
      // Exactly one event after the submit, the winner's.
      const events = await prisma.workflowEvent.findMany({ where: { planId }, orderBy: { id: "desc" }, take: 2 });
      expect(events.map((event) => [event.action, event.toStatus])).toEqual([
        [status === "APPROVED" ? "APPROVE" : "RETURN", status],
        ["SUBMIT", "SUBMITTED"],
      ]);
      // Back to a state that can be submitted again.
      if (status === "APPROVED") {
        await services.workflow.reopenPlan(reviewerA, { planId, reason: "再来一轮" }, request());
        await services.workflow.resumePlan(planner, { planId }, request());
      }
    }
    const eventCount = await prisma.workflowEvent.count({ where: { planId } });
    // Per round: SUBMIT + the winner, and REOPEN + RESUME after an approval.
    expect(eventCount).toBe(winners.reduce((sum, status) => sum + (status === "APPROVED" ? 4 : 2), 0));
  });
});

describe("HQ's waiver", () => {
  it("lets a province submit and be approved over a city not approved, recorded with who and why; a reopen ends it", async () => {
    const { prisma } = getDb();
    const { units } = await buildPyramid(prisma);
    const provincePlanner = await person(prisma, [["PLANNER", units.province]]);
    const provinceReviewer = await person(prisma, [["REVIEWER", units.province]]);
    const provinceAdmin = await person(prisma, [["HQ_ADMIN", units.province]]);
    const hqAdmin = await person(prisma, [["HQ_ADMIN", units.hq]]);
    const planId = units.province.planId;

    expect(await refusalOf(services.workflow.submitPlan(provincePlanner, { planId }, request()))).toEqual({
      code: "INVALID_TRANSITION",
      reason: "CHILDREN_NOT_APPROVED",
      params: { pending: 1, total: 1 },
    });
    // A reviewer may not waive (not in the policy: the same answer as no plan); an HQ_ADMIN
    // held at the province is not HQ's; HQ's admin must give a reason.
    expect(
      await refusalOf(services.workflow.waivePlanChildren(provinceReviewer, { planId, reason: "x" }, request())),
    ).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await refusalOf(services.workflow.waivePlanChildren(provinceAdmin, { planId, reason: "x" }, request()))).toMatchObject(
      {
        code: "INVALID_TRANSITION",
        reason: "NOT_ALLOWED_FOR_ROLE",
      },
    );
    expect(await refusalOf(services.workflow.waivePlanChildren(hqAdmin, { planId, reason: "  " }, request()))).toMatchObject({
      code: "INVALID_TRANSITION",
      reason: "REASON_REQUIRED",
    });
    const waived = await services.workflow.waivePlanChildren(hqAdmin, { planId, reason: "城市办事处新设，本轮豁免" }, request());
    expect(waived).toMatchObject({ reason: "城市办事处新设，本轮豁免", plan: { status: "DRAFT", version: 2 } });

    const submitted = await services.workflow.submitPlan(provincePlanner, { planId }, request());
    expect(submitted.event).toMatchObject({ action: "SUBMIT", waived: true, versionNumber: 1 });
    const approved = await services.workflow.approvePlan(hqAdmin, { planId }, request());
    expect(approved.event).toMatchObject({ action: "APPROVE", waived: true, versionNumber: 2 });
    const events = await prisma.workflowEvent.findMany({ where: { planId }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.waived, e.waiverGrantedById])).toEqual([
      ["SUBMIT", true, hqAdmin.userId],
      ["APPROVE", true, hqAdmin.userId],
    ]);
    const audit = await prisma.auditLog.findMany({ where: { planId, entity: "Plan" }, orderBy: { id: "asc" } });
    expect(audit.map((row) => [row.action, row.actorId, row.after])).toEqual([
      ["CHILDREN_WAIVED", hqAdmin.userId, { version: 2, waiverReason: "城市办事处新设，本轮豁免" }],
      [
        "SUBMIT",
        provincePlanner.userId,
        {
          status: "SUBMITTED",
          version: 3,
          reason: null,
          versionNumber: 1,
          waived: true,
          waiverReason: "城市办事处新设，本轮豁免",
          acknowledgements: [],
        },
      ],
      [
        "APPROVE",
        hqAdmin.userId,
        {
          status: "APPROVED",
          version: 4,
          reason: null,
          versionNumber: 2,
          waived: true,
          waiverReason: "城市办事处新设，本轮豁免",
        },
      ],
    ]);
    // The waiver belongs to this round: a reopen ends it.
    await services.workflow.reopenPlan(hqAdmin, { planId, reason: "重新审议" }, request());
    expect(await prisma.plan.findUniqueOrThrow({ where: { id: planId } })).toMatchObject({
      status: "REOPENED",
      childWaiverReason: null,
      childWaiverGrantedById: null,
    });
  });
});

// ─── property: random edits and transitions against a model of the rules ───

type Action = "submit" | "withdraw" | "return" | "approve" | "reopen" | "resume" | "waive";
type Command =
  | { kind: "edit"; plan: number; month: number; fen: number | null }
  | { kind: "split"; plan: number; fen: number }
  | { kind: Action; plan: number };

const commandArbitrary: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("edit" as const),
      plan: fc.integer({ min: 0, max: 4 }),
      month: fc.integer({ min: 1, max: 3 }),
      fen: fc.option(fc.integer({ min: 0, max: 500_000_00 }), { nil: null, freq: 5 }),
    }),
  },
  {
    // An even split of an amount over January–March (the workbench's 分解), written as one save.
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("split" as const),
      plan: fc.integer({ min: 0, max: 4 }),
      fen: fc.integer({ min: 0, max: 900_000_00 }),
    }),
  },
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constantFrom<Action>("submit", "submit", "approve", "approve", "withdraw", "return", "reopen", "resume", "waive"),
      plan: fc.integer({ min: 0, max: 4 }),
    }),
  },
);

describe("random sequences of edits, splits and transitions", () => {
  it("follow the rules, keep the summary equal to a fresh scan, and never leave a parent approved over an unapproved child unwaived and unmarked", async () => {
    const { prisma, dataAccess } = getDb();
    await fc.assert(
      fc.asyncProperty(fc.array(commandArbitrary, { minLength: 5, maxLength: 30 }), async (commands) => {
        const { cycle, revenue, units } = await buildPyramid(prisma);
        // Index order: HQ 0, province 1, city 2, K1 3, K2 4.
        const list = [units.hq, units.province, units.city, units.k1, units.k2];
        const parentOf = [null, 0, 1, 2, 2];
        const childrenOf = (index: number) => parentOf.flatMap((parent, child) => (parent === index ? [child] : []));
        const planners = await Promise.all(list.map((unit) => person(prisma, [["PLANNER", unit]])));
        const hqAdmin = await person(prisma, [["HQ_ADMIN", units.hq]]);
        const provinceReviewer = await person(prisma, [["REVIEWER", units.province]]);
        const cityReviewer = await person(prisma, [["REVIEWER", units.city]]);
        const reviewerOf = [hqAdmin, hqAdmin, provinceReviewer, cityReviewer, cityReviewer];

        // The model: statuses, waivers, cells (fen by month) and the figures last approved.
        const status: PlanStatus[] = list.map(() => "DRAFT");
        const waiver = list.map(() => false);
        const cells = list.map(() => new Map<number, { fen: bigint; version: number }>());
        const approved = list.map(() => new Map<number, bigint>());

        for (const command of commands) {
          const i = command.plan;
          const planId = list[i]!.planId;
          const childrenApproved = childrenOf(i).every((child) => status[child] === "APPROVED") || waiver[i]!;
          if (command.kind === "edit") {
            const current = cells[i]!.get(command.month);
            const run = services.planEdits.saveTargetCells(
              planners[i]!,
              {
                planId,
                changes: [
                  {
                    metricId: revenue,
                    month: command.month,
                    baseValue:
                      command.fen === null
                        ? null
                        : (BigInt(command.fen) * 1n)
                            .toString()
                            .padStart(3, "0")
                            .replace(/(\d{2})$/, ".$1"),
                    expectedVersion: current?.version ?? null,
                  },
                ],
              },
              request(),
            );
            if (status[i] === "DRAFT" || status[i] === "RETURNED") {
              const saved = await run;
              if (saved.__typename !== "TargetCellsSaved") throw new Error("unexpected conflict");
              const cell = saved.cells[0]!;
              if (command.fen === null) cells[i]!.delete(command.month);
              else cells[i]!.set(command.month, { fen: BigInt(command.fen), version: cell.version! });
            } else {
              expect(await refusalOf(run)).toMatchObject({ code: "INVALID_TRANSITION", reason: "PLAN_NOT_EDITABLE" });
            }
            continue;
          }
          if (command.kind === "split") {
            const split = {
              planId,
              block: { metricId: revenue, monthFrom: 1, monthTo: 3 },
              figure: { kind: "AMOUNT" as const, amount: fenText(BigInt(command.fen)) },
              method: { kind: "EVEN" as const },
            };
            if (status[i] !== "DRAFT" && status[i] !== "RETURNED") {
              expect(await refusalOf(services.planSplit.previewSplit(planners[i]!, { input: split }))).toMatchObject({
                code: "INVALID_TRANSITION",
                reason: "PLAN_NOT_EDITABLE",
              });
              continue;
            }
            const shown = await services.planSplit.previewSplit(planners[i]!, { input: split });
            const applied = await services.planSplit.applySplit(
              planners[i]!,
              { input: { split, previewToken: shown.previewToken, expectedVersions: shown.expectedVersions } },
              request(),
            );
            if (applied.__typename !== "SplitApplied") throw new Error("unexpected conflict");
            // Worked by hand: the three months add up to the amount exactly, each within one
            // fen of a third of it.
            const written = applied.cells.filter((cell) => cell.dimensionKey === "" && cell.month <= 3);
            expect(written.map((cell) => cell.month).sort()).toEqual([1, 2, 3]);
            const third = BigInt(command.fen) / 3n;
            let sum = 0n;
            for (const cell of written) {
              const fen = toFen(cell.baseValue!);
              expect(fen === third || fen === third + 1n).toBe(true);
              sum += fen;
              cells[i]!.set(cell.month, { fen, version: cell.version! });
            }
            expect(sum).toBe(BigInt(command.fen));
            continue;
          }
          const expected: { ok: boolean; to?: PlanStatus } = (() => {
            switch (command.kind) {
              case "submit":
                return { ok: (status[i] === "DRAFT" || status[i] === "RETURNED") && childrenApproved, to: "SUBMITTED" };
              case "withdraw":
                return { ok: status[i] === "SUBMITTED", to: "DRAFT" };
              case "return":
                return { ok: status[i] === "SUBMITTED", to: "RETURNED" };
              case "approve":
                return { ok: status[i] === "SUBMITTED" && childrenApproved, to: "APPROVED" };
              case "reopen":
                return { ok: status[i] === "APPROVED", to: "REOPENED" };
              case "resume":
                return { ok: status[i] === "REOPENED", to: "DRAFT" };
              case "waive":
                return { ok: status[i] !== "APPROVED" };
            }
          })();
          const workflow = services.workflow;
          const run = (() => {
            switch (command.kind) {
              case "submit":
                return workflow.submitPlan(planners[i]!, { planId }, request());
              case "withdraw":
                return workflow.withdrawPlan(planners[i]!, { planId }, request());
              case "resume":
                return workflow.resumePlan(planners[i]!, { planId }, request());
              case "return":
                return workflow.returnPlan(reviewerOf[i]!, { planId, reason: "退回" }, request());
              case "approve":
                return workflow.approvePlan(reviewerOf[i]!, { planId }, request());
              case "reopen":
                return workflow.reopenPlan(reviewerOf[i]!, { planId, reason: "重开" }, request());
              case "waive":
                return workflow.waivePlanChildren(hqAdmin, { planId, reason: "豁免" }, request());
            }
          })();
          if (!expected.ok) {
            expect(await refusalOf(run)).toMatchObject({ code: "INVALID_TRANSITION" });
            continue;
          }
          await run;
          if (command.kind === "waive") waiver[i] = true;
          else status[i] = expected.to!;
          if (command.kind === "reopen") waiver[i] = false;
          if (command.kind === "approve") approved[i] = new Map([...cells[i]!].map(([month, cell]) => [month, cell.fen]));

          // The statuses in the database are the model's, and no parent is APPROVED over a
          // child that is not, unless HQ waived it or a reopen below has marked it stale.
          const rows = await prisma.plan.findMany({
            where: { cycleId: cycle.id },
            select: { id: true, status: true, childWaiverReason: true, staleSince: true },
          });
          const byId = new Map(rows.map((row) => [row.id, row]));
          list.forEach((unit, index) => expect(byId.get(unit.planId)!.status).toBe(status[index]));
          list.forEach((unit, index) => {
            const row = byId.get(unit.planId)!;
            const unapprovedChild = childrenOf(index).some((child) => status[child] !== "APPROVED");
            if (row.status === "APPROVED" && unapprovedChild) {
              expect(row.childWaiverReason !== null || row.staleSince !== null).toBe(true);
            }
          });
        }

        // The summary, read with its pending deltas, equals a fresh scan (LATEST) and the
        // model's record of what was approved (APPROVED), for every unit's subtree.
        for (const unit of list) {
          const covered = list.flatMap((other, j) => (other.path.startsWith(unit.path) ? [j] : []));
          const scan = await prisma.$queryRaw<{ month: number; base: string }[]>`
            SELECT c.month AS month, sum(c."baseValue")::text AS base
            FROM "TargetCell" c JOIN "Plan" p ON p.id = c."planId" JOIN "OrgUnit" u ON u.id = p."orgUnitId"
            WHERE p."cycleId" = ${cycle.id} AND u.path LIKE ${unit.path + "%"} AND c."breakdownAxis" IS NULL
            GROUP BY 1`;
          const scanned = new Map(scan.map((row) => [Number(row.month), toFen(row.base)]));
          for (const [month, fen] of scanned) if (fen === 0n) scanned.delete(month);
          const read = async (basis: "LATEST" | "APPROVED") =>
            new Map(
              (
                await dataAccess.repositories.targetSummary.read({
                  cycleId: cycle.id,
                  orgUnitId: unit.id,
                  unitPath: unit.path,
                  basis,
                  scope: "SUBTREE",
                  lines: "FIGURES",
                })
              )
                .filter((line) => toFen(line.baseSum) !== 0n)
                .map((line) => [line.month, toFen(line.baseSum)]),
            );
          const sumOf = (maps: Map<number, bigint>[]) => {
            const total = new Map<number, bigint>();
            for (const map of maps) for (const [month, fen] of map) total.set(month, (total.get(month) ?? 0n) + fen);
            for (const [month, fen] of total) if (fen === 0n) total.delete(month);
            return total;
          };
          expect(await read("LATEST")).toEqual(scanned);
          expect(scanned).toEqual(sumOf(covered.map((j) => new Map([...cells[j]!].map(([m, c]) => [m, c.fen])))));
          expect(await read("APPROVED")).toEqual(sumOf(covered.map((j) => approved[j]!)));
        }
      }),
      { numRuns: 6 },
    );
  });
});

const fenText = (fen: bigint) => `${fen / 100n}.${(fen % 100n).toString().padStart(2, "0")}`;

const toFen = (text: string) => {
  const [whole, fraction = ""] = text.split(".");
  const negative = whole!.startsWith("-");
  const fen = BigInt(whole!.replace("-", "")) * 100n + BigInt((fraction + "00").slice(0, 2));
  return negative ? -fen : fen;
};
