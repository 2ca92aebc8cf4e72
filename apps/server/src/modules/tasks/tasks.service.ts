// "My tasks": the plans that wait for the viewer in open cycles. The units come
// from the access policy (EDIT_PLAN on the assignment's own unit, REVIEW_PLAN on
// its direct children), two set-based queries fetch the plans, and each plan is
// asked of the policy again before it is listed. Objections waiting for the viewer's
// answer (objections.ts mayAnswerObjection) make one ANSWER_OBJECTION task per plan,
// dated by the raising unit's parent's level (the reviewing level's deadline).
import type { DataAccess, PlanTaskRecord } from "@pyramid/db";
import {
  PLAN_STATUSES,
  isAllowed,
  isoDateOf,
  isPastDeadline,
  mayAnswerObjection,
  type OrgLevel,
  type PlanStatus,
} from "@pyramid/domain";
import { requireViewer } from "../../access-guard.js";
import { accessAssignmentsOf, viewerCan, type Viewer } from "../../viewer.js";
import type { UnitPlanSummary } from "../org/org.service.js";
import type { OrgUnitRefDto } from "../users/user-profile.js";

export type TaskKind = "DRAFT_PLAN" | "REVISE_PLAN" | "RESUME_PLAN" | "REVIEW_PLAN" | "ANSWER_OBJECTION";

/** What Task resolves from. */
export interface TaskDto {
  readonly kind: TaskKind;
  readonly cycle: { readonly id: string; readonly code: string; readonly nameZh: string; readonly nameEn: string };
  readonly unit: OrgUnitRefDto;
  readonly plan: UnitPlanSummary;
  readonly dueOn: string | null;
  readonly overdue: boolean;
}

const OWN_TASK_BY_STATUS: Partial<Record<PlanStatus, TaskKind>> = {
  DRAFT: "DRAFT_PLAN",
  RETURNED: "REVISE_PLAN",
  REOPENED: "RESUME_PLAN",
};

export interface TasksServiceDependencies {
  readonly dataAccess: Pick<DataAccess, "repositories">;
  readonly clock?: () => Date;
}

export class TasksService {
  private readonly now: () => Date;

  constructor(private readonly dependencies: TasksServiceDependencies) {
    this.now = dependencies.clock ?? (() => new Date());
  }

  async myTasks(viewer: Viewer | null, cycleId: string | null): Promise<TaskDto[]> {
    const signedIn = requireViewer(viewer);
    const { tasks } = this.dependencies.dataAccess.repositories;
    const ownUnits = signedIn.assignments.filter((a) => isAllowed(a.role, "EDIT_PLAN", "SELF")).map((a) => a.orgUnitId);
    const reviewingUnits = signedIn.assignments
      .filter((a) => isAllowed(a.role, "REVIEW_PLAN", "DIRECT_CHILD"))
      .map((a) => a.orgUnitId);
    const answeringUnits = signedIn.assignments
      .filter((a) => isAllowed(a.role, "ANSWER_OBJECTION", "DIRECT_CHILD"))
      .map((a) => a.orgUnitId);
    const [own, toReview, objections] = await Promise.all([
      tasks.plansOfUnits([...new Set(ownUnits)], {
        cycleStatuses: ["OPEN"],
        cycleId,
        statuses: ["DRAFT", "RETURNED", "REOPENED"],
      }),
      tasks.plansOfChildren([...new Set(reviewingUnits)], { cycleStatuses: ["OPEN"], cycleId, statuses: ["SUBMITTED"] }),
      this.dependencies.dataAccess.repositories.objections.awaitingAnswerAt([...new Set(answeringUnits)]),
    ]);
    // One task per plan whose objections wait for this viewer (the rule asked again per objection).
    const assignments = accessAssignmentsOf(signedIn);
    const objectionPlanUnits = [
      ...new Set(
        objections
          .filter((objection) => (cycleId ? objection.cycleId === cycleId : true))
          .filter((objection) => mayAnswerObjection(assignments, objection.unit.path, objection.escalations))
          .map((objection) => `${objection.cycleId}|${objection.unit.id}`),
      ),
    ];
    const objectionPlans =
      objectionPlanUnits.length === 0
        ? []
        : (
            await tasks.plansOfUnits([...new Set(objectionPlanUnits.map((key) => key.split("|")[1]!))], {
              cycleStatuses: ["OPEN"],
              cycleId,
              statuses: [...PLAN_STATUSES],
            })
          ).filter((record) => objectionPlanUnits.includes(`${record.cycle.id}|${record.unit.id}`));
    const now = this.now();
    const list = [
      ...own
        .filter((record) => viewerCan(signedIn, "EDIT_PLAN", record.unit.path))
        .map((record) => this.task(OWN_TASK_BY_STATUS[record.plan.status] ?? "DRAFT_PLAN", record, record.unit.level, now)),
      ...toReview
        .filter((record) => viewerCan(signedIn, "REVIEW_PLAN", record.unit.path))
        .map((record) => this.task("REVIEW_PLAN", record, record.unit.parentLevel, now)),
      ...objectionPlans.map((record) => this.task("ANSWER_OBJECTION", record, record.unit.parentLevel, now)),
    ];
    return list.sort(
      (a, b) =>
        Number(b.overdue) - Number(a.overdue) ||
        (a.dueOn ?? "9999").localeCompare(b.dueOn ?? "9999") ||
        a.unit.code.localeCompare(b.unit.code) ||
        a.kind.localeCompare(b.kind),
    );
  }

  private task(kind: TaskKind, record: PlanTaskRecord, deadlineLevel: OrgLevel | null, now: Date): TaskDto {
    const deadline = record.cycle.deadlines.find((d) => d.level === deadlineLevel);
    const dueOn = deadline ? isoDateOf(deadline.dueOn) : null;
    const { id, code, nameZh, nameEn, level } = record.unit;
    return {
      kind,
      cycle: { id: record.cycle.id, code: record.cycle.code, nameZh: record.cycle.nameZh, nameEn: record.cycle.nameEn },
      unit: { id, code, nameZh, nameEn, level },
      plan: record.plan,
      dueOn,
      overdue: dueOn !== null && isPastDeadline(dueOn, now),
    };
  }
}
