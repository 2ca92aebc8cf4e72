// The org tree use cases. A read: look the unit up, ask the access policy,
// one query for the subtree. (A state change follows withLockedPlan in
// @pyramid/db: lock, re-check the domain rule, write with its audit row.)
import type { ChildProgressRecord, DataAccess, KeyFiguresRecord, OrgUnitWithPlan, PlanSummaryRecord } from "@pyramid/db";
import { Fixed, isoDateOf, isPastDeadline, subtreeScope, type PlanStatus } from "@pyramid/domain";
import { requireAccess, requireViewer } from "../../access-guard.js";
import { DomainError } from "../../errors.js";
import { accessAssignmentsOf, type Viewer } from "../../viewer.js";
import { viewerSeesCycle } from "../cycles/cycles.service.js";

/** One unit of a subtree with its plan in the cycle: what OrgTreeUnit resolves from. */
export type OrgSubtreeUnit = OrgUnitWithPlan;
/** What PlanSummary resolves from. */
export type UnitPlanSummary = PlanSummaryRecord;

/** What OrgTreeNode resolves from. */
export interface OrgTreeNodeDto extends OrgUnitWithPlan {
  readonly dueOn: string | null;
  readonly overdue: boolean;
  readonly children: ChildProgressRecord;
  readonly figures: KeyFiguresRecord;
}

export interface OrgTreePageDto {
  readonly nodes: readonly OrgTreeNodeDto[];
  readonly totalCount: number;
  readonly nextCursor: string | null;
}

export interface OrgTreeArgs {
  readonly cycleId: string;
  readonly rootId?: string | null;
  readonly search?: string | null;
  readonly code?: string | null;
  readonly first?: number | null;
  readonly after?: string | null;
}

export const ORG_TREE_MAX_PAGE = 200;
const NOT_YET_SUBMITTED: ReadonlySet<PlanStatus | undefined> = new Set(["DRAFT", "RETURNED", "REOPENED", undefined]);

/** Cursors are opaque to clients: the offset of the next page, base64url. */
const cursorOf = (offset: number) => Buffer.from(`o:${offset}`).toString("base64url");
function offsetOf(cursor: string | null | undefined): number {
  if (cursor === null || cursor === undefined || cursor === "") return 0;
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) throw new DomainError("VALIDATION_FAILED", "This page cursor is not valid.", { reason: "CURSOR_INVALID" });
  return Number(match[1]);
}

/** Money sums as the database gives them ("0", "12.5") become exact 2-place decimals. */
const money = (text: string) => Fixed.parse(text, 2).toString();

export interface OrgServiceDependencies {
  readonly dataAccess: Pick<DataAccess, "repositories">;
  readonly clock?: () => Date;
}

export class OrgService {
  private readonly now: () => Date;

  constructor(private readonly dependencies: OrgServiceDependencies) {
    this.now = dependencies.clock ?? (() => new Date());
  }

  /** A page of the cycle's org tree under the viewer's units (or under rootId), with progress and key figures. */
  async orgTree(viewer: Viewer | null, args: OrgTreeArgs): Promise<OrgTreePageDto> {
    const signedIn = requireViewer(viewer);
    const { orgUnits, planCycles, orgTree } = this.dependencies.dataAccess.repositories;
    const first = args.first ?? 50;
    if (!Number.isInteger(first) || first < 1 || first > ORG_TREE_MAX_PAGE) {
      throw new DomainError("VALIDATION_FAILED", `A page holds 1 to ${ORG_TREE_MAX_PAGE} units.`, {
        reason: "PAGE_SIZE_INVALID",
        params: { max: ORG_TREE_MAX_PAGE },
      });
    }
    const offset = offsetOf(args.after);
    const [cycle, root] = await Promise.all([
      planCycles.findListing(args.cycleId),
      args.rootId ? orgUnits.findById(args.rootId) : Promise.resolve(null),
    ]);
    if (!cycle || !viewerSeesCycle(signedIn, cycle.status)) {
      throw new DomainError("NOT_FOUND", "No such plan cycle.", { reason: "PLAN_CYCLE_NOT_FOUND", params: { id: args.cycleId } });
    }
    const rootPaths = args.rootId
      ? [requireAccess(signedIn, "VIEW_UNIT", root, (found) => found.path, { entity: "ORG_UNIT", id: args.rootId }).path]
      : subtreeScope(accessAssignmentsOf(signedIn), "VIEW_UNIT");
    const page = await orgTree.page({
      cycleId: cycle.id,
      rootPaths,
      search: args.search ?? null,
      code: args.code ?? null,
      offset,
      limit: first,
    });
    const ids = page.units.map((unit) => unit.id);
    const [progress, figures] = await Promise.all([orgTree.childProgress(cycle.id, ids), orgTree.keyFigures(cycle, page.units)]);
    const deadlines = new Map(cycle.deadlines.map((deadline) => [deadline.level, isoDateOf(deadline.dueOn)]));
    const now = this.now();
    const nodes = page.units.map((unit): OrgTreeNodeDto => {
      const dueOn = deadlines.get(unit.level) ?? null;
      const unitFigures = figures.get(unit.id);
      return {
        ...unit,
        dueOn,
        overdue: dueOn !== null && NOT_YET_SUBMITTED.has(unit.plan?.status) && isPastDeadline(dueOn, now),
        children: progress.get(unit.id) ?? { total: 0, submitted: 0, approved: 0 },
        figures: {
          salesTarget: money(unitFigures?.salesTarget ?? "0"),
          salesLastYear: money(unitFigures?.salesLastYear ?? "0"),
          expenseTotal: money(unitFigures?.expenseTotal ?? "0"),
        },
      };
    });
    const nextOffset = offset + nodes.length;
    return { nodes, totalCount: page.totalCount, nextCursor: nextOffset < page.totalCount ? cursorOf(nextOffset) : null };
  }

  /** The unit `rootId` and all units below it, each with its plan in `cycleId`. */
  async orgSubtree(viewer: Viewer | null, rootId: string, cycleId: string): Promise<OrgSubtreeUnit[]> {
    const signedIn = requireViewer(viewer);
    const { orgUnits, planCycles } = this.dependencies.dataAccess.repositories;
    const [unit, cycle] = await Promise.all([orgUnits.findById(rootId), planCycles.findById(cycleId)]);
    // An unknown unit and one outside the viewer's scope get the same answer.
    const root = requireAccess(signedIn, "VIEW_UNIT", unit, (found) => found.path, { entity: "ORG_UNIT", id: rootId });
    if (!cycle)
      throw new DomainError("NOT_FOUND", "No such plan cycle.", { reason: "PLAN_CYCLE_NOT_FOUND", params: { id: cycleId } });
    return orgUnits.findSubtreeWithPlans(root.path, cycle.id);
  }
}
