// Repositories: the only code that runs Prisma queries (see create-repositories.ts).
export { createRepositories, type Repositories } from "./create-repositories.js";
export type { DbClient } from "./db-client.js";
export { RecordNotFoundError } from "./errors.js";
export type { HealthRepository } from "./health.repository.js";
export type { OrgUnitRecord, OrgUnitRepository, OrgUnitWithPlan, PlanSummaryRecord } from "./org-units.repository.js";
export type { PlanCycleListing, PlanCycleRecord, PlanCycleRepository } from "./plan-cycles.repository.js";
export type { AncestorPlanRecord, PlanChange, PlanRecord, PlanRepository, StaleMarkRecord } from "./plans.repository.js";
export type { AuditEntry, AuditRecord, AuditRepository, AuditValue } from "./audit.repository.js";
export {
  createDataAccess,
  DEFAULT_TRANSACTION_OPTIONS,
  NestedTransactionError,
  type DataAccess,
  type TransactionOptions,
} from "./data-access.js";
export { withLockedPlan, type LockedPlanChange, type PlanChangeAudit } from "./with-locked-plan.js";
export type { TargetCellRepository } from "./target-cells.repository.js";
export type {
  ActualRecord,
  CatalogueRecord,
  CellGrainFilter,
  PlanSectionRecord,
  PlanWorkbenchRepository,
  TargetCellQuery,
  TargetCellRecord,
  WorkbenchPlanRecord,
} from "./plan-workbench.repository.js";
export type {
  ChildUnitRecord,
  ExpenseCapsRecord,
  ExpenseLineRecord,
  OpenObjectionRecord,
  PlanChecksRepository,
  UnitRef,
} from "./plan-checks.repository.js";
export type {
  NewPlanSection,
  PlanForEdit,
  PlanSectionRecord as EditablePlanSectionRecord,
  PlanSectionRepository,
  SectionLinkRecord,
  TemplateSectionRecord,
} from "./plan-sections.repository.js";
export type {
  ExpenseActualRecord,
  ExpenseCategoryRecord,
  ExpenseCellRecord,
  ExpenseItemRecord,
  ExpensesRepository,
  ExpenseTransferRecord,
} from "./expenses.repository.js";
export {
  ExpenseSaveRefused,
  type ExpenseCellChange,
  type ExpenseCellConflict,
  type ExpenseRefusalCode,
  type ExpenseTransferInput,
  type ExpenseTransferOutcome,
  type SavedExpenseCell,
  type SaveExpenseCellsInput,
} from "./expense-writes.js";
export type { ApprovedPlanRef, TargetSummaryRepository } from "./target-summary.repository.js";
export {
  TargetCellSaveRefused,
  type CellConflict,
  type CellEditor,
  type SavedTargetCell,
  type SaveRefusalCode,
  type SaveTargetCellsInput,
  type TargetCellChange,
} from "../summary/save-target-cells.js";
export type { SummaryBasis } from "../summary/summary-lines.js";
export type { SummaryLine, SummaryQuery, SummaryScope } from "../summary/target-summary.js";
export { foldPendingSummary } from "../summary/summary-folder.js";
export type {
  AssignedUnit,
  LoginCandidate,
  NewUser,
  UserAssignmentRecord,
  UserPage,
  UserPageQuery,
  UserRecord,
  UserRepository,
} from "./users.repository.js";
export type { NewSession, SessionRecord, SessionRepository } from "./sessions.repository.js";
export type { LoginAttemptEntry, LoginAttemptRepository } from "./login-attempts.repository.js";
export type { AuthSettingsRepository } from "./auth-settings.repository.js";
export type { PlanTaskQuery, PlanTaskRecord, TaskRepository } from "./tasks.repository.js";
export type {
  ChildProgressRecord,
  KeyFiguresRecord,
  OrgTreePage,
  OrgTreePageQuery,
  OrgTreeRepository,
} from "./org-tree.repository.js";
export type {
  PlanActivityRecord,
  NewWorkflowEvent,
  PersonRef,
  PlanVersionRecord,
  SnapshotSourceRecord,
  WorkflowPlanRecord,
  WorkflowRepository,
} from "./workflow.repository.js";
export type {
  CommentAnchorColumns,
  CommentMarkerRecord,
  CommentPerson,
  CommentRecord,
  CommentRepository,
  CommentThreadQuery,
  CommentThreadRecord,
  NewComment,
} from "./comments.repository.js";
export type {
  NewObjection,
  ObjectionChange,
  ObjectionListQuery,
  ObjectionMetricRef,
  ObjectionRecord,
  ObjectionRepository,
  ObjectionUnit,
} from "./objections.repository.js";
export type { ActivityKind, ActivityQuery, ActivityRecord, ActivityRepository } from "./activity.repository.js";
export type {
  CycleAdminRecord,
  CycleAdminRepository,
  CyclePatch,
  CycleProgressRecord,
  CycleSettingsValues,
  CycleTemplateSection,
  CycleTemplateSectionFields,
  GuidanceRecord,
  NewCycle,
} from "./cycle-admin.repository.js";
export type { ReviewDimensions, ReviewPlanRecord, ReviewRepository, UnitActualRecord } from "./review.repository.js";
export type {
  CategoryFigure,
  KeyedMonthFigure,
  UnitMonthFigure,
  UnitRef as VarianceUnitRef,
  VarianceBasis,
  VarianceRepository,
} from "./variance.repository.js";
export type {
  ExportApprovedSnapshot,
  ExportCycleRecord,
  ExportExpenseSum,
  ExportPlanRecord,
  ExportsRepository,
  ExportTargetReference,
  ExportTargetSum,
} from "./exports.repository.js";
export type {
  ImportBatchRecord,
  ImportCatalogueRows,
  ImportFactRow,
  ImportKindRecord,
  ImportStatusRecord,
  ImportsRepository,
} from "./imports.repository.js";
