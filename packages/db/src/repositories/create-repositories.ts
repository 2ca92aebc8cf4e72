// Repositories: the only code that runs Prisma queries. The server receives
// them (and a transaction boundary, DataAccess.inTransaction) and never the
// Prisma client itself. A new table's queries go into a repository here,
// selecting only the fields its callers need and returning plain records.
import { createActivityRepository, type ActivityRepository } from "./activity.repository.js";
import { createAuditRepository, type AuditRepository } from "./audit.repository.js";
import { createCommentRepository, type CommentRepository } from "./comments.repository.js";
import { createObjectionRepository, type ObjectionRepository } from "./objections.repository.js";
import { createAuthSettingsRepository, type AuthSettingsRepository } from "./auth-settings.repository.js";
import { createLoginAttemptRepository, type LoginAttemptRepository } from "./login-attempts.repository.js";
import { createSessionRepository, type SessionRepository } from "./sessions.repository.js";
import { createOrgTreeRepository, type OrgTreeRepository } from "./org-tree.repository.js";
import { createTaskRepository, type TaskRepository } from "./tasks.repository.js";
import { createUserRepository, type UserRepository } from "./users.repository.js";
import type { DbClient } from "./db-client.js";
import { createWorkflowRepository, type WorkflowRepository } from "./workflow.repository.js";
import { createExpensesRepository, type ExpensesRepository } from "./expenses.repository.js";
import { createExportsRepository, type ExportsRepository } from "./exports.repository.js";
import { createImportsRepository, type ImportsRepository } from "./imports.repository.js";
import { createHealthRepository, type HealthRepository } from "./health.repository.js";
import { createOrgUnitRepository, type OrgUnitRepository } from "./org-units.repository.js";
import { createPlanCycleRepository, type PlanCycleRepository } from "./plan-cycles.repository.js";
import { createPlanRepository, type PlanRepository } from "./plans.repository.js";
import { createPlanChecksRepository, type PlanChecksRepository } from "./plan-checks.repository.js";
import { createPlanWorkbenchRepository, type PlanWorkbenchRepository } from "./plan-workbench.repository.js";
import { createPlanSectionRepository, type PlanSectionRepository } from "./plan-sections.repository.js";
import { createTargetCellRepository, type TargetCellRepository } from "./target-cells.repository.js";
import { createTargetSummaryRepository, type TargetSummaryRepository } from "./target-summary.repository.js";
import { createCycleAdminRepository, type CycleAdminRepository } from "./cycle-admin.repository.js";
import { createReviewRepository, type ReviewRepository } from "./review.repository.js";
import { createVarianceRepository, type VarianceRepository } from "./variance.repository.js";

export interface Repositories {
  readonly health: HealthRepository;
  readonly orgUnits: OrgUnitRepository;
  readonly planCycles: PlanCycleRepository;
  readonly plans: PlanRepository;
  readonly audit: AuditRepository;
  readonly targetCells: TargetCellRepository;
  readonly planSections: PlanSectionRepository;
  readonly targetSummary: TargetSummaryRepository;
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly loginAttempts: LoginAttemptRepository;
  readonly authSettings: AuthSettingsRepository;
  readonly tasks: TaskRepository;
  readonly orgTree: OrgTreeRepository;
  readonly planWorkbench: PlanWorkbenchRepository;
  readonly planChecks: PlanChecksRepository;
  readonly workflow: WorkflowRepository;
  readonly comments: CommentRepository;
  readonly objections: ObjectionRepository;
  readonly activity: ActivityRepository;
  readonly expenses: ExpensesRepository;
  readonly exports: ExportsRepository;
  readonly cycleAdmin: CycleAdminRepository;
  readonly review: ReviewRepository;
  /** The actuals import: catalogue, batches, chunked writes of facts, revert. */
  readonly imports: ImportsRepository;
  readonly variance: VarianceRepository;
}

/** Every repository over one client: the process's PrismaClient, or one transaction's. */
export function createRepositories(client: DbClient): Repositories {
  return {
    health: createHealthRepository(client),
    orgUnits: createOrgUnitRepository(client),
    planCycles: createPlanCycleRepository(client),
    plans: createPlanRepository(client),
    audit: createAuditRepository(client),
    targetCells: createTargetCellRepository(client),
    planSections: createPlanSectionRepository(client),
    targetSummary: createTargetSummaryRepository(client),
    users: createUserRepository(client),
    sessions: createSessionRepository(client),
    loginAttempts: createLoginAttemptRepository(client),
    authSettings: createAuthSettingsRepository(client),
    tasks: createTaskRepository(client),
    orgTree: createOrgTreeRepository(client),
    planWorkbench: createPlanWorkbenchRepository(client),
    planChecks: createPlanChecksRepository(client),
    workflow: createWorkflowRepository(client),
    comments: createCommentRepository(client),
    objections: createObjectionRepository(client),
    activity: createActivityRepository(client),
    expenses: createExpensesRepository(client),
    exports: createExportsRepository(client),
    cycleAdmin: createCycleAdminRepository(client),
    review: createReviewRepository(client),
    imports: createImportsRepository(client),
    variance: createVarianceRepository(client),
  };
}
