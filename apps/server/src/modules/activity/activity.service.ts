// The activity feed (动态) and the deadline notices. The feed's scope comes from the
// access policy: workflow events and objection changes of plans in the viewer's VIEW_UNIT
// subtree, comments on the plans of the units where they hold a role; never what the
// viewer did. Deadlines: for each plan of the viewer's own units in an open cycle that
// is not submitted or approved yet, its level's deadline when near or passed.
import type { ActivityRecord, DataAccess, PlanTaskRecord } from "@pyramid/db";
import { deadlineState, isoDateOf, subtreeScope } from "@pyramid/domain";
import { z } from "zod";
import { requireViewer } from "../../access-guard.js";
import { nextCursor, pageWindow } from "../../paging.js";
import { accessAssignmentsOf, viewerCan, type Viewer } from "../../viewer.js";
import { parseInput } from "../plan-edits/plan-edits.input.js";
import type { UnitPlanSummary } from "../org/org.service.js";
import type { OrgUnitRefDto } from "../users/user-profile.js";

export const ACTIVITY_PAGE = { first: 30, max: 100 } as const;

const myActivitySchema = z.object({
  cycleId: z.string().trim().min(1).max(100).nullish(),
  first: z.number().int().nullish(),
  after: z.string().max(100).nullish(),
});

export interface DeadlineNoticeDto {
  readonly cycle: { readonly id: string; readonly code: string; readonly nameZh: string; readonly nameEn: string };
  readonly unit: OrgUnitRefDto;
  readonly plan: UnitPlanSummary;
  readonly dueOn: string;
  readonly state: "NEAR" | "PASSED";
  readonly daysLeft: number;
}

export interface ActivityFeedDto {
  readonly nodes: ActivityRecord[];
  readonly totalCount: number;
  readonly nextCursor: string | null;
  readonly deadlines: DeadlineNoticeDto[];
}

export interface ActivityServiceDependencies {
  readonly dataAccess: Pick<DataAccess, "repositories">;
  readonly clock?: () => Date;
}

export class ActivityService {
  private readonly now: () => Date;

  constructor(private readonly dependencies: ActivityServiceDependencies) {
    this.now = dependencies.clock ?? (() => new Date());
  }

  async myActivity(viewer: Viewer | null, args: unknown): Promise<ActivityFeedDto> {
    const signedIn = requireViewer(viewer);
    const input = parseInput(myActivitySchema, args);
    const window = pageWindow(input, ACTIVITY_PAGE);
    const { repositories } = this.dependencies.dataAccess;
    const ownUnitIds = [...new Set(signedIn.assignments.map((assignment) => assignment.orgUnitId))];
    const [feed, ownPlans] = await Promise.all([
      repositories.activity.feed({
        viewerId: signedIn.userId,
        scopePaths: subtreeScope(accessAssignmentsOf(signedIn), "VIEW_UNIT"),
        ownUnitIds,
        cycleId: input.cycleId ?? null,
        offset: window.offset,
        limit: window.limit,
      }),
      repositories.tasks.plansOfUnits(ownUnitIds, {
        cycleStatuses: ["OPEN"],
        cycleId: input.cycleId ?? null,
        statuses: ["DRAFT", "RETURNED", "REOPENED"],
      }),
    ]);
    const now = this.now();
    const deadlines = ownPlans
      .filter((record) => viewerCan(signedIn, "VIEW_UNIT", record.unit.path))
      .flatMap((record) => notice(record, now))
      .sort((a, b) => a.daysLeft - b.daysLeft || a.unit.code.localeCompare(b.unit.code));
    return {
      nodes: feed.nodes,
      totalCount: feed.totalCount,
      nextCursor: nextCursor(window.offset, feed.nodes.length, feed.totalCount),
      deadlines,
    };
  }
}

function notice(record: PlanTaskRecord, now: Date): DeadlineNoticeDto[] {
  const deadline = record.cycle.deadlines.find((d) => d.level === record.unit.level);
  if (!deadline) return [];
  const dueOn = isoDateOf(deadline.dueOn);
  const { state, daysLeft } = deadlineState(dueOn, now);
  if (state === null) return [];
  const { id, code, nameZh, nameEn, level } = record.unit;
  return [
    {
      cycle: { id: record.cycle.id, code: record.cycle.code, nameZh: record.cycle.nameZh, nameEn: record.cycle.nameEn },
      unit: { id, code, nameZh, nameEn, level },
      plan: record.plan,
      dueOn,
      state,
      daysLeft,
    },
  ];
}
