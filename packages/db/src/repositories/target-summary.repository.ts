// The maintained roll-up (../summary/target-summary.ts): reviewers' and HQ's totals.
import {
  foldSummaryDeltas,
  pendingSummaryDeltas,
  readSummary,
  recordApprovedFigures,
  type SummaryLine,
  type SummaryQuery,
} from "../summary/target-summary.js";
import type { DbClient } from "./db-client.js";

export interface ApprovedPlanRef {
  readonly planId: string;
  readonly cycleId: string;
  readonly orgUnitId: string;
  readonly unitPath: string;
}

export interface TargetSummaryRepository {
  /** A unit's lines (own or subtree, latest or approved), exact whether or not a fold has run. */
  read(query: SummaryQuery): Promise<SummaryLine[]>;
  /** On approval, inside its transaction and under the plan's lock: the approved lines become the plan's current figures. */
  recordApproved(plan: ApprovedPlanRef): Promise<number>;
  /** Folds a batch of pending deltas; only on a transaction's repositories. Returns how many. */
  fold(batch?: number): Promise<number>;
  pending(): Promise<number>;
}

export function createTargetSummaryRepository(client: DbClient): TargetSummaryRepository {
  return {
    read: (query) => readSummary(client, query),
    recordApproved: (plan) => recordApprovedFigures(client, plan),
    fold: (batch) => foldSummaryDeltas(client, batch),
    pending: () => pendingSummaryDeltas(client),
  };
}
