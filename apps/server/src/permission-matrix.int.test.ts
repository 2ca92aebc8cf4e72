// The permission matrix, generated from the policy tables: every root field
// (ROOT_FIELD_POLICY) × every role × where the target unit sits relative to the
// viewer's unit (own unit, direct child, deeper descendant, ancestor, sibling,
// unrelated branch) → allowed or refused as the domain's ACCESS_POLICY says,
// through GraphQL over HTTP on the real server (createApp: Fastify, cookies, CSRF
// prevention, Apollo, Armor) and database. Each viewer signs in once with the login
// mutation and sends the session cookie it got back, as the browser does. A root
// field without an entry in ROOT_FIELD_POLICY, or without an operation here, fails
// the test.
import {
  createOrgUnit,
  createPlan,
  createPlanCycle,
  createUser,
  ensureExpenseTree,
  ensureStandardMetrics,
  TEST_PASSWORD_COST,
  useTestDatabase,
} from "@pyramid/db/testing";
import { ROLES, STANDARD_PLAN_TEMPLATE, UNIT_RELATIONS, isAllowed, type Role, type UnitRelation } from "@pyramid/domain";
import type { GraphQLFormattedError } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "./app.js";
import { ROOT_FIELD_POLICY } from "./schema/root-field-policy.js";

const getDb = useTestDatabase();

interface Operation {
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

/** The fixtures an operation may refer to: the target unit and a user who holds a role only there. */
interface Target {
  readonly unitId: string;
  /** The target unit's code and its plan in the cycle (fields that name a unit by code, or a plan). */
  readonly unitCode: string;
  readonly planId: string;
  readonly subjectUserId: string;
  /** Unique per call, for fields that create something. */
  readonly unique: string;
}

const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";
const NO_SUCH_CODE = "NO-SUCH-UNIT";

// One operation per root field. A field the schema gains without an entry here fails below.
const OPERATIONS: Record<string, (target: Target) => Operation> = {
  "Query.health": () => ({ query: "{ health { status } }", variables: {} }),
  "Query.me": () => ({ query: "{ me { id } }", variables: {} }),
  "Mutation.login": () => ({
    query: "mutation($l: String!, $p: String!) { login(login: $l, password: $p) { expiresAt } }",
    variables: { l: "matrix.login", p: "test1234" },
  }),
  "Mutation.logout": () => ({ query: "mutation { logout { signedOut } }", variables: {} }),
  "Mutation.changePassword": () => ({
    query: "mutation($i: ChangePasswordInput!) { changePassword(input: $i) { me { id } } }",
    variables: { i: { currentPassword: "test1234", newPassword: "test1234" } },
  }),
  "Mutation.setMyLocale": () => ({
    query: "mutation($i: SetMyLocaleInput!) { setMyLocale(input: $i) { me { locale } } }",
    variables: { i: { locale: "en" } },
  }),
  "Query.cycles": () => ({ query: "{ cycles { id } }", variables: {} }),
  "Query.myTasks": () => ({ query: "{ myTasks { kind } }", variables: {} }),
  "Query.orgSubtree": (target) => ({
    query: "query($r: ID!, $c: ID!) { orgSubtree(rootId: $r, cycleId: $c) { id } }",
    variables: { r: target.unitId, c: cycleId },
  }),
  "Query.orgTree": (target) => ({
    query: "query($r: ID, $c: ID!) { orgTree(rootId: $r, cycleId: $c) { totalCount nodes { id } } }",
    variables: { r: target.unitId, c: cycleId },
  }),
  "Query.users": (target) => ({
    query: "query($c: String) { users(orgUnitCode: $c) { totalCount nodes { id } } }",
    variables: { c: target.unitCode },
  }),
  "Query.assignableOrgUnits": () => ({ query: "{ assignableOrgUnits { id } }", variables: {} }),
  "Query.user": (target) => ({ query: "query($id: ID!) { user(id: $id) { id } }", variables: { id: target.subjectUserId } }),
  "Mutation.createUser": (target) => ({
    query: "mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } } }",
    variables: {
      i: {
        login: `m.${target.unique}`,
        displayName: "矩阵",
        password: "matrix-pass-1",
        roleAssignments: [{ role: "PLANNER", orgUnitId: target.unitId }],
      },
    },
  }),
  "Mutation.deactivateUser": (target) => ({
    query: "mutation($i: DeactivateUserInput!) { deactivateUser(input: $i) { user { id } } }",
    variables: { i: { userId: target.subjectUserId } },
  }),
  "Mutation.resetPassword": (target) => ({
    query: "mutation($i: ResetPasswordInput!) { resetPassword(input: $i) { user { id } } }",
    variables: { i: { userId: target.subjectUserId, newPassword: "matrix-reset-1" } },
  }),
  "Query.plan": (target) => ({
    query: "query($u: String!, $y: Int!) { plan(unitCode: $u, year: $y) { id editable } }",
    variables: { u: target.unitCode, y: CYCLE_YEAR },
  }),
  "Mutation.setPlanEstimateMethod": (target) => ({
    query: "mutation($i: SetPlanEstimateMethodInput!) { setPlanEstimateMethod(input: $i) { plan { id estimateMethod } } }",
    variables: { i: { planId: target.planId, method: "RUN_RATE" } },
  }),
  "Mutation.saveTargetCells": (target) => ({
    query: "mutation($p: ID!) { saveTargetCells(planId: $p, changes: []) { __typename } }",
    variables: { p: target.planId },
  }),
  "Mutation.saveExpenseCells": (target) => ({
    query: "mutation($p: ID!) { saveExpenseCells(planId: $p, changes: []) { __typename } }",
    variables: { p: target.planId },
  }),
  // Every plan has 100.00 of salaries in January (beforeAll); the one allowed call moves 0.01 of it.
  "Mutation.transferExpense": (target) => ({
    query: "mutation($i: TransferExpenseInput!) { transferExpense(input: $i) { transfers { id } } }",
    variables: {
      i: { planId: target.planId, fromItemId: salaryItemId, toItemId: welfareItemId, month: 1, amount: "0.01", reason: "矩阵" },
    },
  }),
  "Mutation.updatePlanSection": (target) => ({
    query: 'mutation($p: ID!) { updatePlanSection(planId: $p, code: "ENV_ECONOMY", body: "矩阵") { __typename } }',
    variables: { p: target.planId },
  }),
  "Mutation.setPlanSectionLinks": (target) => ({
    query: 'mutation($p: ID!) { setPlanSectionLinks(planId: $p, code: "METHOD_OVERALL", links: []) { __typename } }',
    variables: { p: target.planId },
  }),
  "Query.previewSplit": (target) => ({
    query: "query($i: SplitInput!) { previewSplit(input: $i) { previewToken } }",
    variables: { i: splitOf(target.planId) },
  }),
  "Mutation.applySplit": (target) => ({
    query: "mutation($i: ApplySplitInput!) { applySplit(input: $i) { __typename } }",
    variables: {
      i: { split: splitOf(target.planId), previewToken: previewTokens.get(target.planId) ?? "none", expectedVersions: [null] },
    },
  }),
  "Query.planVersions": (target) => ({
    query: "query($p: ID!) { planVersions(planId: $p) { number } }",
    variables: { p: target.planId },
  }),
  "Query.planVersionDiff": (target) => ({
    query: "query($p: ID!) { planVersionDiff(planId: $p, fromVersion: 1, toVersion: 1) { cells { delta } } }",
    variables: { p: target.planId },
  }),
  "Query.planActivity": (target) => ({
    query: "query($p: ID!) { planActivity(planId: $p) { totalCount } }",
    variables: { p: target.planId },
  }),
  "Mutation.submitPlan": (target) => transitionOf("submitPlan", "SubmitPlanInput", { planId: target.planId }),
  "Mutation.withdrawPlan": (target) => transitionOf("withdrawPlan", "PlanTransitionInput", { planId: target.planId }),
  "Mutation.resumePlan": (target) => transitionOf("resumePlan", "PlanTransitionInput", { planId: target.planId }),
  "Mutation.returnPlan": (target) =>
    transitionOf("returnPlan", "PlanTransitionWithReasonInput", { planId: target.planId, reason: "矩阵退回" }),
  "Mutation.approvePlan": (target) => transitionOf("approvePlan", "PlanTransitionInput", { planId: target.planId }),
  "Mutation.reopenPlan": (target) =>
    transitionOf("reopenPlan", "PlanTransitionWithReasonInput", { planId: target.planId, reason: "矩阵重开" }),
  "Mutation.waivePlanChildren": (target) => ({
    query: "mutation($i: PlanTransitionWithReasonInput!) { waivePlanChildren(input: $i) { reason } }",
    variables: { i: { planId: target.planId, reason: "矩阵豁免" } },
  }),
  "Query.planComments": (target) => ({
    query: "query($p: ID!) { planComments(planId: $p) { totalCount nodes { id } } }",
    variables: { p: target.planId },
  }),
  "Query.planCommentMarkers": (target) => ({
    query: "query($p: ID!) { planCommentMarkers(planId: $p) { count } }",
    variables: { p: target.planId },
  }),
  "Mutation.addComment": (target) => ({
    query: "mutation($i: AddCommentInput!) { addComment(input: $i) { comment { id } } }",
    variables: { i: { planId: target.planId, body: `矩阵 ${target.unique}` } },
  }),
  "Mutation.setCommentResolved": (target) => ({
    query: "mutation($i: SetCommentResolvedInput!) { setCommentResolved(input: $i) { comment { id resolved } } }",
    variables: { i: { commentId: commentByPlan.get(target.planId) ?? NO_SUCH_ID, resolved: true } },
  }),
  "Query.planObjections": (target) => ({
    query: "query($p: ID!) { planObjections(planId: $p) { id } }",
    variables: { p: target.planId },
  }),
  "Mutation.raiseObjection": (target) => ({
    query: "mutation($i: RaiseObjectionInput!) { raiseObjection(input: $i) { objection { id } } }",
    variables: { i: { planId: target.planId, metricId: revenueId, reason: "矩阵", proposedValue: "100" } },
  }),
  "Mutation.answerObjection": (target) => ({
    query: "mutation($i: AnswerObjectionInput!) { answerObjection(input: $i) { objection { status } } }",
    variables: {
      i: { objectionId: objectionFor("ANSWER", target), decision: "REJECT", response: "矩阵" },
    },
  }),
  "Mutation.escalateObjection": (target) => ({
    query: "mutation($i: EscalateObjectionInput!) { escalateObjection(input: $i) { objection { status } } }",
    variables: { i: { objectionId: objectionFor("ESCALATE", target) } },
  }),
  "Mutation.withdrawObjection": (target) => ({
    query: "mutation($i: WithdrawObjectionInput!) { withdrawObjection(input: $i) { objection { status } } }",
    variables: { i: { objectionId: objectionFor("WITHDRAW", target) } },
  }),
  "Query.myActivity": () => ({ query: "{ myActivity { totalCount deadlines { dueOn } } }", variables: {} }),
  "Mutation.openCycle": (target) => ({
    query: "mutation($i: OpenCycleInput!) { openCycle(input: $i) { plansCreated cycle { id } } }",
    variables: {
      i: {
        code: `M-${target.unique.toUpperCase().replace(/[^A-Z0-9]/g, "-")}`.slice(0, 32),
        year: 2031,
        nameZh: "矩阵周期",
        nameEn: "Matrix cycle",
        opensOn: "2030-11-15",
        closesOn: "2031-01-10",
        template: "STANDARD",
        deadlines: [{ level: "COUNTY", dueOn: "2030-12-10" }],
      },
    },
  }),
  "Mutation.updateCycle": () => ({
    query: "mutation($i: UpdateCycleInput!) { updateCycle(input: $i) { cycle { id nameEn } } }",
    variables: { i: { cycleId: adminCycles.update, nameEn: "Matrix, renamed" } },
  }),
  "Mutation.addTemplateSection": (target) => ({
    query: "mutation($i: AddTemplateSectionInput!) { addTemplateSection(input: $i) { cycle { id } } }",
    variables: {
      i: {
        cycleId: adminCycles.add,
        section: {
          code: `M_${target.unique.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`.slice(0, 40),
          part: "GOALS",
          titleZh: "矩阵",
          titleEn: "Matrix",
          required: false,
        },
      },
    },
  }),
  "Mutation.updateTemplateSection": () => ({
    query: "mutation($i: UpdateTemplateSectionInput!) { updateTemplateSection(input: $i) { cycle { id } } }",
    variables: {
      i: {
        cycleId: adminCycles.update,
        section: { code: "ENV_ECONOMY", part: "ENVIRONMENT", titleZh: "经济环境", titleEn: "Economy", required: true },
      },
    },
  }),
  "Mutation.removeTemplateSection": () => ({
    query: "mutation($i: RemoveTemplateSectionInput!) { removeTemplateSection(input: $i) { cycle { id } } }",
    variables: { i: { cycleId: adminCycles.remove, code: "ENV_CULTURE" } },
  }),
  "Mutation.reorderTemplateSections": () => ({
    query: "mutation($i: ReorderTemplateSectionsInput!) { reorderTemplateSections(input: $i) { cycle { id } } }",
    variables: { i: { cycleId: adminCycles.reorder, codes: STANDARD_PLAN_TEMPLATE.map((section) => section.code).reverse() } },
  }),
  "Mutation.setCycleStatus": () => ({
    query: "mutation($i: SetCycleStatusInput!) { setCycleStatus(input: $i) { cycle { id status } } }",
    variables: { i: { cycleId: adminCycles.status, status: "OPEN" } },
  }),
  "Query.reviewBoard": (target) => ({
    query:
      "query($u: String!, $y: Int!) { reviewBoard(unitCode: $u, year: $y) { unit { id } own { sales } children { unit { id } } reconciliation { gap } } }",
    variables: { u: target.unitCode, y: CYCLE_YEAR },
  }),
  "Query.dashboard": (target) => ({
    query:
      "query($u: String!, $y: Int!) { dashboard(unitCode: $u, year: $y) { unit { id } toDate { rate } children { unit { id } rate } expenses { target } } }",
    variables: { u: target.unitCode, y: CYCLE_YEAR },
  }),
  "Mutation.setGuidance": (target) => ({
    query: "mutation($i: SetGuidanceInput!) { setGuidance(input: $i) { guidance { value } } }",
    variables: { i: { unitCode: target.unitCode, year: CYCLE_YEAR, metricId: revenueId, value: "100" } },
  }),
  "Query.previewGuidanceSplit": (target) => ({
    query: "query($i: GuidanceSplitInput!) { previewGuidanceSplit(input: $i) { previewToken } }",
    variables: { i: guidanceSplitOf(target.unitCode) },
  }),
  "Mutation.publishGuidanceSplit": (target) => ({
    query: "mutation($i: PublishGuidanceSplitInput!) { publishGuidanceSplit(input: $i) { total } }",
    variables: { i: { split: guidanceSplitOf(target.unitCode), previewToken: guidanceTokens.get(target.unitCode) ?? "none" } },
  }),
  "Query.importBatches": (target) => ({
    query: "query($s: String!) { importBatches(scopeCode: $s) { totalCount } }",
    variables: { s: target.unitCode },
  }),
  "Query.importBatch": (target) => ({
    query: "query($id: ID!) { importBatch(id: $id) { id status } }",
    variables: { id: importBatchByUnit.get(target.unitId) ?? NO_SUCH_ID },
  }),
  "Mutation.revertImport": (target) => ({
    query: "mutation($b: ID!, $r: String!) { revertImport(batchId: $b, reason: $r) { status } }",
    variables: { b: importBatchByCall.get(target.unique) ?? NO_SUCH_ID, r: "矩阵" },
  }),
};

/** An applied (empty) import batch scoped to each unit, and one per (role, relation) call to revert. */
const importBatchByUnit = new Map<string, string>();
const importBatchByCall = new Map<string, string>();
const appliedImportBatch = async (scopeOrgUnitId: string) =>
  (
    await getDb().prisma.importBatch.create({
      data: {
        kind: "SALES_ACTUALS",
        year: 2026,
        monthFrom: 1,
        monthTo: 12,
        scopeOrgUnitId,
        fileName: "matrix.csv",
        checksum: scopeOrgUnitId,
        status: "APPLIED",
        appliedAt: new Date(),
      },
    })
  ).id;

function transitionOf(field: string, inputType: string, input: Record<string, unknown>): Operation {
  return {
    query: `mutation($i: ${inputType}!) { ${field}(input: $i) { plan { id status } event { action } } }`,
    variables: { i: input },
  };
}

/**
 * Workflow mutations change the plan they act on: before each case its plan is put in the
 * status the action starts from (so that an allowed call can go through), and after it set
 * back to DRAFT, so every case (and every other field) finds the fixtures as they were.
 */
const PREPARE: Record<string, { status: "SUBMITTED" | "APPROVED" | "REOPENED" }> = {
  "Mutation.withdrawPlan": { status: "SUBMITTED" },
  "Mutation.resumePlan": { status: "REOPENED" },
  "Mutation.returnPlan": { status: "SUBMITTED" },
  "Mutation.approvePlan": { status: "SUBMITTED" },
  "Mutation.reopenPlan": { status: "APPROVED" },
};

/**
 * Where the policy lets the call through but the workflow's guard then refuses it on these
 * fixtures: the refusal is the guard's (INVALID_TRANSITION with its reason), never the
 * policy's NOT_FOUND or FORBIDDEN. The own plan (a province) and the direct child (a city)
 * each have a child plan in DRAFT; the viewers' HQ_ADMIN holds the role at the province, not
 * at HQ, and only an HQ_ADMIN of HQ waives. The story test (workflow-story.int.test.ts) goes
 * through each of them for real.
 */
const ALLOWED_REFUSAL: Record<string, { code: string; reason: string }> = {
  "Mutation.submitPlan": { code: "INVALID_TRANSITION", reason: "CHILDREN_NOT_APPROVED" },
  "Mutation.approvePlan": { code: "INVALID_TRANSITION", reason: "CHILDREN_NOT_APPROVED" },
  "Mutation.waivePlanChildren": { code: "INVALID_TRANSITION", reason: "NOT_ALLOWED_FOR_ROLE" },
};

/** A comment on each plan (any role may resolve it; resolving twice writes nothing the second time). */
const commentByPlan = new Map<string, string>();
/**
 * Objections made for each (role, relation) call, so that every allowed call finds one in the
 * state it needs: OPEN to answer (ESCALATED on the deeper descendant, whom the grandparent
 * answers), REJECTED to escalate, OPEN to withdraw. Keyed by kind and Target.unique.
 */
const objectionByCall = new Map<string, string>();
const objectionFor = (kind: "ANSWER" | "ESCALATE" | "WITHDRAW", target: Target) =>
  objectionByCall.get(`${kind}:${target.unique}`) ?? NO_SUCH_ID;

/** 100.00 split evenly to the unit's children as their sales guidance. */
const guidanceSplitOf = (unitCode: string) => ({
  unitCode,
  year: CYCLE_YEAR,
  metricId: revenueId,
  figure: "AMOUNT",
  amount: "100",
  method: "EVEN",
});
/** The token of a preview of guidanceSplitOf(unit), by unit code. */
const guidanceTokens = new Map<string, string>();
/** PREPARING cycles that HQ's admin changes (one per kind of change, so that each stays possible). */
const adminCycles = { update: "", add: "", remove: "", reorder: "", status: "" };

/** A split of 100.00 into the January revenue figure (without a spec) of the plan. */
const splitOf = (planId: string) => ({
  planId,
  block: { metricId: revenueId, months: [1] },
  figure: { kind: "AMOUNT", amount: "100" },
  method: { kind: "EVEN" },
});
let revenueId = "";
let salaryItemId = "";
let welfareItemId = "";
/** The token of a preview of splitOf(plan), by plan: what applySplit needs to be allowed. */
const previewTokens = new Map<string, string>();

const CYCLE_YEAR = 2027;

let app: App;
let cycleId: string;
/** The target units by their relation to the viewers' unit (a province). */
const unitByRelation = new Map<UnitRelation, { readonly id: string; readonly code: string }>();
const subjectByUnit = new Map<string, string>();
const planByUnit = new Map<string, string>();
/** Each role's session cookie (name=value), from one sign-in per viewer. */
const cookieByRole = new Map<Role, string>();
/** The same for HQ's own staff (each role held at the top unit). */
const hqCookieByRole = new Map<Role, string>();

interface GraphQLAnswer {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly GraphQLFormattedError[];
}

/** One GraphQL POST as the web client sends it; `cookie` is the session cookie, or null for nobody. */
async function post(cookie: string | null, operation: Operation) {
  const response = await app.fastify.inject({
    method: "POST",
    url: "/graphql",
    headers: { "content-type": "application/json", ...(cookie === null ? {} : { cookie }) },
    payload: JSON.stringify(operation),
  });
  // Refusals are GraphQL errors in a 200, never another status.
  expect(response.statusCode).toBe(200);
  return { answer: response.json<GraphQLAnswer>(), setCookie: [response.headers["set-cookie"] ?? []].flat() };
}

async function call(cookie: string | null, operation: Operation): Promise<GraphQLAnswer> {
  return (await post(cookie, operation)).answer;
}

/** Signs in through the login mutation and returns the session cookie the answer sets. */
async function signIn(login: string): Promise<string> {
  const { answer, setCookie } = await post(null, {
    query: "mutation($l: String!, $p: String!) { login(login: $l, password: $p) { expiresAt } }",
    variables: { l: login, p: "test1234" },
  });
  const cookie = setCookie.find((header) => header.startsWith("pp_session="))?.split(";", 1)[0];
  if (answer.errors !== undefined || cookie === undefined) throw new Error(`${login} did not sign in: ${JSON.stringify(answer)}`);
  return cookie;
}

beforeAll(async () => {
  const { prisma, dataAccess } = getDb();
  //            HQ
  //            R  (a region: the viewers' unit has a grandparent, so an objection can be escalated)
  //        P1 (viewers)      P2
  //        C1                C2
  //        K1
  const hq = await createOrgUnit(prisma, { level: "HQ" });
  const region = await createOrgUnit(prisma, { level: "REGION", parent: hq });
  const p1 = await createOrgUnit(prisma, { level: "PROVINCE", parent: region });
  const p2 = await createOrgUnit(prisma, { level: "PROVINCE", parent: region });
  const c1 = await createOrgUnit(prisma, { level: "CITY", parent: p1 });
  const c2 = await createOrgUnit(prisma, { level: "CITY", parent: p2 });
  const k1 = await createOrgUnit(prisma, { level: "COUNTY", parent: c1 });
  const byRelation: Record<UnitRelation, { readonly id: string; readonly code: string }> = {
    SELF: p1,
    DIRECT_CHILD: c1,
    DESCENDANT: k1,
    ANCESTOR: hq,
    SIBLING: p2,
    UNRELATED: c2,
  };
  for (const relation of UNIT_RELATIONS) unitByRelation.set(relation, byRelation[relation]);
  cycleId = (await createPlanCycle(prisma, { year: CYCLE_YEAR })).id;
  revenueId = (await ensureStandardMetrics(prisma)).get("SALES_REVENUE")!.id;
  const expenseItems = await ensureExpenseTree(prisma);
  salaryItemId = expenseItems.get("PERSONNEL_SALARY")!.id;
  welfareItemId = expenseItems.get("PERSONNEL_WELFARE")!.id;
  for (const unit of [hq, p1, p2, c1, c2, k1]) {
    subjectByUnit.set(unit.id, (await createUser(prisma, { orgUnitId: unit.id, role: "PLANNER" })).user.id);
    planByUnit.set(unit.id, (await createPlan(prisma, { cycleId, orgUnitId: unit.id })).id);
    // One (empty) version per plan, for planVersionDiff.
    await prisma.planVersion.create({
      data: {
        planId: planByUnit.get(unit.id)!,
        number: 1,
        kind: "SUBMITTED",
        snapshot: { sections: [], targetCells: [], expenseCells: [], totals: { targets: [], expenses: "0.00" } },
      },
    });
    await prisma.expenseCell.create({
      data: { planId: planByUnit.get(unit.id)!, itemId: salaryItemId, month: 1, amount: "100.00" },
    });
  }
  const raiser = (await createUser(prisma, { orgUnitId: c2.id, login: "matrix.raiser" })).user.id;
  for (const unit of [hq, p1, p2, c1, c2, k1]) {
    const planId = planByUnit.get(unit.id)!;
    commentByPlan.set(planId, (await prisma.comment.create({ data: { planId, body: "矩阵", authorId: raiser } })).id);
  }
  for (const relation of UNIT_RELATIONS) {
    const scopeId = byRelation[relation].id;
    if (!importBatchByUnit.has(scopeId)) importBatchByUnit.set(scopeId, await appliedImportBatch(scopeId));
    for (const role of ROLES) importBatchByCall.set(`${role}.${relation}`.toLowerCase(), await appliedImportBatch(scopeId));
  }
  for (const relation of UNIT_RELATIONS) {
    const planId = planByUnit.get(byRelation[relation].id)!;
    for (const role of ROLES) {
      const unique = `${role}.${relation}`.toLowerCase();
      const objection = (status: "OPEN" | "REJECTED" | "ESCALATED") =>
        prisma.objection.create({
          data: {
            planId,
            metricId: revenueId,
            reason: "矩阵",
            raisedById: raiser,
            status,
            ...(status === "ESCALATED" ? { escalations: 1, escalatedAt: new Date() } : {}),
          },
        });
      objectionByCall.set(`ANSWER:${unique}`, (await objection(relation === "DESCENDANT" ? "ESCALATED" : "OPEN")).id);
      objectionByCall.set(`ESCALATE:${unique}`, (await objection("REJECTED")).id);
      objectionByCall.set(`WITHDRAW:${unique}`, (await objection("OPEN")).id);
    }
  }
  await createUser(prisma, { orgUnitId: c2.id, login: "matrix.login" });
  for (const role of ROLES) await createUser(prisma, { orgUnitId: p1.id, role, login: `viewer.${role.toLowerCase()}` });
  // HQ's own staff, for the cycle administration (asked on the top unit).
  for (const role of ROLES) await createUser(prisma, { orgUnitId: hq.id, role, login: `hq.${role.toLowerCase()}` });
  for (const kind of Object.keys(adminCycles) as (keyof typeof adminCycles)[]) {
    adminCycles[kind] = (await createPlanCycle(prisma, { year: 2030, status: "PREPARING" })).id;
  }

  app = createApp({
    dataAccess,
    webDistDir: "/nonexistent",
    version: "test",
    log: { error: () => undefined },
    passwordCost: TEST_PASSWORD_COST,
  });
  await app.ready();
  for (const role of ROLES) cookieByRole.set(role, await signIn(`viewer.${role.toLowerCase()}`));
  for (const role of ROLES) hqCookieByRole.set(role, await signIn(`hq.${role.toLowerCase()}`));
  // The planner's own plan is the one plan a split may be applied to: preview it once.
  const ownPlan = planByUnit.get(p1.id)!;
  const preview = await call(cookieByRole.get("PLANNER")!, {
    query: "query($i: SplitInput!) { previewSplit(input: $i) { previewToken } }",
    variables: { i: splitOf(ownPlan) },
  });
  const token = (preview.data?.["previewSplit"] as { previewToken?: string } | undefined)?.previewToken;
  if (token === undefined) throw new Error(`the planner could not preview a split: ${JSON.stringify(preview)}`);
  previewTokens.set(ownPlan, token);
  // The reviewer's own unit is the one whose guidance may be split: preview it once.
  const guidancePreview = await call(cookieByRole.get("REVIEWER")!, {
    query: "query($i: GuidanceSplitInput!) { previewGuidanceSplit(input: $i) { previewToken } }",
    variables: { i: guidanceSplitOf(p1.code) },
  });
  const guidanceToken = (guidancePreview.data?.["previewGuidanceSplit"] as { previewToken?: string } | undefined)?.previewToken;
  if (guidanceToken === undefined)
    throw new Error(`the reviewer could not preview a guidance split: ${JSON.stringify(guidancePreview)}`);
  guidanceTokens.set(p1.code, guidanceToken);
});

afterAll(async () => {
  await app?.close();
});

function targetFor(relation: UnitRelation, role: Role): Target {
  const unit = unitByRelation.get(relation);
  const unitId = unit?.id ?? "";
  return {
    unitId,
    unitCode: unit?.code ?? "",
    planId: planByUnit.get(unitId) ?? "",
    subjectUserId: subjectByUnit.get(unitId) ?? "",
    unique: `${role}.${relation}`.toLowerCase(),
  };
}

const fieldOf = (coordinate: string) => coordinate.split(".")[1] ?? "";

function expectRefused(errors: readonly GraphQLFormattedError[] | undefined, data: unknown, field: string, code: string) {
  expect(errors?.[0]?.extensions?.["code"]).toBe(code);
  expect((data as Record<string, unknown> | null | undefined)?.[field] ?? null).toBeNull();
}

describe("the permission matrix", () => {
  it("has an operation for every root field in the policy table", () => {
    expect(Object.keys(OPERATIONS).sort()).toEqual(Object.keys(ROOT_FIELD_POLICY).sort());
  });

  const unitFields = Object.entries(ROOT_FIELD_POLICY).flatMap(([coordinate, policy]) =>
    policy.kind === "UNIT" ? [[coordinate, policy.action] as const] : [],
  );
  const unitCases = unitFields.flatMap(([coordinate, action]) =>
    ROLES.flatMap((role) =>
      UNIT_RELATIONS.map((relation) => [coordinate, role, relation, isAllowed(role, action, relation)] as const),
    ),
  );

  it.each(unitCases)("%s by a %s on the %s unit → allowed: %s", async (coordinate, role, relation, allowed) => {
    const operation = OPERATIONS[coordinate];
    if (!operation) throw new Error(`no operation for ${coordinate}`);
    // The @access roles are the roles the policy allows the action somewhere (root-field-policy.test.ts).
    const roleAtEdge = UNIT_RELATIONS.some((other) => isAllowed(role, policyAction(coordinate), other));
    const target = targetFor(relation, role);
    const prepare = PREPARE[coordinate];
    if (prepare) await getDb().prisma.plan.update({ where: { id: target.planId }, data: { status: prepare.status } });
    let result: GraphQLAnswer;
    try {
      result = await call(cookieByRole.get(role) ?? null, operation(target));
    } finally {
      if (prepare) await getDb().prisma.plan.update({ where: { id: target.planId }, data: { status: "DRAFT" } });
    }
    if (allowed) {
      const refusal = ALLOWED_REFUSAL[coordinate];
      if (refusal) expect(result.errors?.[0]?.extensions).toMatchObject(refusal);
      else expect(result.errors).toBeUndefined();
      return;
    }
    // The role check at the edge, or the policy's NOT_FOUND: never data.
    expectRefused(result.errors, result.data, fieldOf(coordinate), roleAtEdge ? "NOT_FOUND" : "FORBIDDEN");
    if (roleAtEdge) {
      // Outside the scope, the same answer as for nothing at all.
      const missing = await call(
        cookieByRole.get(role) ?? null,
        operation({
          unitId: NO_SUCH_ID,
          unitCode: NO_SUCH_CODE,
          planId: NO_SUCH_ID,
          subjectUserId: NO_SUCH_ID,
          unique: `missing.${role}.${relation}`.toLowerCase(),
        }),
      );
      const { code, reason } = missing.errors?.[0]?.extensions ?? {};
      expect({ code, reason, message: missing.errors?.[0]?.message }).toEqual({
        code: result.errors?.[0]?.extensions?.["code"],
        reason: result.errors?.[0]?.extensions?.["reason"],
        message: result.errors?.[0]?.message,
      });
    }
  });

  // Asked on the top unit: allowed for HQ's staff as the policy says for SELF; the same roles at
  // the province (the top unit is their ANCESTOR) get NOT_FOUND, and roles the edge refuses FORBIDDEN.
  const topUnitCases = Object.entries(ROOT_FIELD_POLICY).flatMap(([coordinate, policy]) =>
    policy.kind === "TOP_UNIT"
      ? ROLES.flatMap((role) =>
          (["SELF", "ANCESTOR"] as const).map(
            (relation) => [coordinate, role, relation, isAllowed(role, policy.action, relation)] as const,
          ),
        )
      : [],
  );

  it.each(topUnitCases)("%s by a %s whose top unit is its %s → allowed: %s", async (coordinate, role, relation, allowed) => {
    const operation = OPERATIONS[coordinate];
    if (!operation) throw new Error(`no operation for ${coordinate}`);
    const roleAtEdge = UNIT_RELATIONS.some((other) => isAllowed(role, policyAction(coordinate), other));
    const cookie = relation === "SELF" ? hqCookieByRole.get(role)! : cookieByRole.get(role)!;
    const result = await call(cookie, operation(targetFor("SELF", role)));
    if (allowed) {
      expect(result.errors).toBeUndefined();
      return;
    }
    expectRefused(result.errors, result.data, fieldOf(coordinate), roleAtEdge ? "NOT_FOUND" : "FORBIDDEN");
  });

  const accountFields = Object.entries(ROOT_FIELD_POLICY).flatMap(([coordinate, policy]) =>
    policy.kind === "UNIT" || policy.kind === "TOP_UNIT" ? [] : ROLES.map((role) => [coordinate, policy.kind, role] as const),
  );

  it.each(accountFields)("%s (%s) answers a %s", async (coordinate, _kind, role) => {
    const operation = OPERATIONS[coordinate];
    if (!operation) throw new Error(`no operation for ${coordinate}`);
    // logout ends the session it is sent with: give it a session of its own.
    const cookie = coordinate === "Mutation.logout" ? await signIn(`viewer.${role.toLowerCase()}`) : cookieByRole.get(role)!;
    const result = await call(cookie, operation(targetFor("SELF", role)));
    expect(result.errors).toBeUndefined();
  });

  it.each(Object.entries(ROOT_FIELD_POLICY))("%s without a session: %s", async (coordinate, policy) => {
    const operation = OPERATIONS[coordinate];
    if (!operation) throw new Error(`no operation for ${coordinate}`);
    const result = await call(null, operation(targetFor("SELF", "VIEWER")));
    if (policy.kind === "PUBLIC") expect(result.errors).toBeUndefined();
    else expectRefused(result.errors, result.data, fieldOf(coordinate), "UNAUTHENTICATED");
  });
});

function policyAction(coordinate: string) {
  const policy = ROOT_FIELD_POLICY[coordinate];
  if (policy?.kind !== "UNIT" && policy?.kind !== "TOP_UNIT") throw new Error(`${coordinate} is not a unit field`);
  return policy.action;
}
