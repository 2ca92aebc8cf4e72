// The services of the app, created once per server and handed to every
// request through the context. Resolvers reach the database only through them,
// and they reach it only through repositories and DataAccess.inTransaction.
import type { DataAccess, ScryptCost } from "@pyramid/db";
import { ActivityService } from "./modules/activity/activity.service.js";
import { AuthService } from "./modules/auth/auth.service.js";
import { CommentsService } from "./modules/comments/comments.service.js";
import { CycleAdminService } from "./modules/cycles/cycle-admin.service.js";
import { CyclesService } from "./modules/cycles/cycles.service.js";
import { ExpensesService } from "./modules/expenses/expenses.service.js";
import { ExportsService } from "./modules/exports/exports.service.js";
import { ImportsService } from "./modules/imports/imports.service.js";
import { HealthService } from "./modules/health/health.service.js";
import { ObjectionsService } from "./modules/objections/objections.service.js";
import { OrgService } from "./modules/org/org.service.js";
import { PlansService } from "./modules/plans/plans.service.js";
import { PlanEditsService } from "./modules/plan-edits/plan-edits.service.js";
import { PlanSplitService } from "./modules/plan-split/plan-split.service.js";
import { GuidanceService } from "./modules/review/guidance.service.js";
import { ReviewService } from "./modules/review/review.service.js";
import { DashboardService } from "./modules/dashboard/dashboard.service.js";
import { TasksService } from "./modules/tasks/tasks.service.js";
import { UsersService } from "./modules/users/users.service.js";
import { WorkflowService } from "./modules/workflow/workflow.service.js";

export interface Services {
  readonly health: HealthService;
  readonly org: OrgService;
  /** Sign-in; `auth.viewerForToken(token)` turns a session cookie into the request's viewer. */
  readonly auth: AuthService;
  readonly users: UsersService;
  readonly cycles: CyclesService;
  readonly tasks: TasksService;
  /** The plan workbench's reads (plan, document, catalogue, cells, grids, findings) and its estimate method. */
  readonly plans: PlansService;
  /** Writing a plan: target cell batches and document sections. */
  readonly planEdits: PlanEditsService;
  /** Splitting a figure into a block of a plan's cells: preview, then apply what was previewed. */
  readonly planSplit: PlanSplitService;
  /** The workflow: submit, withdraw, return, approve, reopen, resume, HQ's waiver; versions and activity. */
  readonly workflow: WorkflowService;
  /** Comments on a plan, a section or a cell: threads, resolve, markers. */
  readonly comments: CommentsService;
  /** Objections (异议): raise, answer (accept → guidance), escalate once, withdraw. */
  readonly objections: ObjectionsService;
  /** The activity feed and deadline notices. */
  readonly activity: ActivityService;
  /** The expense budget: its reads on a plan, batch saves of its lines, virements. */
  readonly expenses: ExpensesService;
  /** Finance's exports (XLSX / CSV over HTTP, not GraphQL): checks, streamed rows, the audit row. */
  readonly exports: ExportsService;
  /** The actuals import (CSV / XLSX over HTTP): checks, the streamed pass over the file, batches, revert. */
  readonly imports: ImportsService;
  /** HQ's cycle administration: open, settings, deadlines, template, status. */
  readonly cycleAdmin: CycleAdminService;
  /** The review screen: a parent and its children side by side, the roll-up, the gap to guidance. */
  readonly review: ReviewService;
  /** The dashboard (看板): plan vs actual of a unit and its children for a year. */
  readonly dashboard: DashboardService;
  /** Guidance (指导目标): set a child's, split a parent's to its children. */
  readonly guidance: GuidanceService;
}

export interface ServiceDependencies {
  readonly dataAccess: DataAccess;
  readonly version: string;
  readonly log: Pick<Console, "error">;
  /** The time now (default the system clock); tests move it to cross timeouts. */
  readonly clock?: () => Date;
  /** The scrypt cost of new password hashes (default DEFAULT_SCRYPT_COST; tests use a cheap one). */
  readonly passwordCost?: ScryptCost;
}

export function createServices({ dataAccess, version, log, clock, passwordCost }: ServiceDependencies): Services {
  const signIn = { dataAccess, ...(clock ? { clock } : {}), ...(passwordCost ? { passwordCost } : {}) };
  const plans = new PlansService({ dataAccess });
  return {
    health: new HealthService({
      dataAccess,
      version,
      onProbeFailure: (error) => log.error("Health probe: the database did not answer.", error),
    }),
    org: new OrgService({ dataAccess, ...(clock ? { clock } : {}) }),
    auth: new AuthService(signIn),
    users: new UsersService(signIn),
    cycles: new CyclesService({ dataAccess }),
    tasks: new TasksService({ dataAccess, ...(clock ? { clock } : {}) }),
    plans,
    planEdits: new PlanEditsService({ dataAccess }),
    planSplit: new PlanSplitService({ dataAccess, plans }),
    workflow: new WorkflowService({ dataAccess, plans }),
    comments: new CommentsService({ dataAccess, ...(clock ? { clock } : {}) }),
    objections: new ObjectionsService({ dataAccess, ...(clock ? { clock } : {}) }),
    activity: new ActivityService({ dataAccess, ...(clock ? { clock } : {}) }),
    expenses: new ExpensesService({ dataAccess, plans }),
    exports: new ExportsService({ dataAccess, ...(clock ? { clock } : {}) }),
    imports: new ImportsService({ dataAccess, ...(clock ? { clock } : {}) }),
    cycleAdmin: new CycleAdminService({ dataAccess }),
    review: new ReviewService({ dataAccess, plans }),
    guidance: new GuidanceService({ dataAccess }),
    dashboard: new DashboardService({ dataAccess }),
  };
}
