// Stale ancestors after a reopen (DOMAIN.md section 2): "When an approved plan
// is reopened, every approved ancestor that rolled it up is marked stale until
// the revision has flowed up again."
//
// Marking. An ancestor rolled the reopened plan up when the ancestor is
// APPROVED and its approval came at or after the reopened plan's approval: the
// figures it signed off contain that approved version. An ancestor approved
// before it (possible only on HQ's waiver) never signed off that version and
// is not marked; an ancestor not APPROVED is not marked either, because its
// own approval will re-check that every child is APPROVED (workflow.ts).
//
// Clearing. A mark clears when its ancestor is APPROVED again after the
// reopen. The ancestor's approval requires all its children approved, so by
// then the revision has come up through every level below it; until then its
// figures are shown as stale. (An approved ancestor is re-approved through
// REOPEN → RESUME → SUBMIT → APPROVE, like any other approved plan.)
//
// Times are Date values; the functions only compare them.
import { isStrictAncestor, type BilingualLabel, type PlanStatus, type Role } from "./org.js";
import type { Locale } from "./periods.js";

export interface ReopenedPlan {
  readonly planId: string;
  readonly unitPath: string;
  /** The approval that was reopened: the version the ancestors rolled up. */
  readonly approvedAt: Date;
  readonly reopenedAt: Date;
  readonly reopenedByUserId: string;
  readonly reopenedByRole: Role;
  readonly reopenedByUnitPath: string;
  readonly reason: string;
}

export interface AncestorPlan {
  readonly planId: string;
  readonly unitPath: string;
  readonly status: PlanStatus;
  /** The plan's latest approval; null when it was never approved. */
  readonly approvedAt: Date | null;
}

export interface StaleMark {
  /** The stale ancestor. */
  readonly planId: string;
  readonly unitPath: string;
  /** When it became stale: the reopen. */
  readonly since: Date;
  readonly reason: {
    readonly code: "CHILD_REOPENED";
    readonly params: {
      readonly reopenedPlanId: string;
      readonly reopenedUnitPath: string;
      readonly reopenedByUserId: string;
      readonly reopenedByRole: Role;
      readonly reopenedByUnitPath: string;
      readonly reason: string;
    };
  };
}

/**
 * The ancestors a reopen makes stale, nearest first (the order the revision
 * flows back up). Plans in `ancestors` that are not above the reopened unit
 * are ignored, so the caller may pass every plan on the unit's path.
 */
export function staleAncestorsAfterReopen(reopened: ReopenedPlan, ancestors: readonly AncestorPlan[]): StaleMark[] {
  const rolledUpSince = reopened.approvedAt.getTime();
  return ancestors
    .filter(
      (ancestor) =>
        isStrictAncestor(ancestor.unitPath, reopened.unitPath) &&
        ancestor.status === "APPROVED" &&
        ancestor.approvedAt !== null &&
        ancestor.approvedAt.getTime() >= rolledUpSince,
    )
    .sort((a, b) => b.unitPath.length - a.unitPath.length)
    .map((ancestor) => ({
      planId: ancestor.planId,
      unitPath: ancestor.unitPath,
      since: reopened.reopenedAt,
      reason: {
        code: "CHILD_REOPENED",
        params: {
          reopenedPlanId: reopened.planId,
          reopenedUnitPath: reopened.unitPath,
          reopenedByUserId: reopened.reopenedByUserId,
          reopenedByRole: reopened.reopenedByRole,
          reopenedByUnitPath: reopened.reopenedByUnitPath,
          reason: reopened.reason.trim(),
        },
      },
    }));
}

/** True once the marked ancestor has been approved again after the reopen that marked it. */
export function isStaleMarkCleared(
  mark: Pick<StaleMark, "since">,
  ancestor: Pick<AncestorPlan, "status" | "approvedAt">,
): boolean {
  return ancestor.status === "APPROVED" && ancestor.approvedAt !== null && ancestor.approvedAt.getTime() > mark.since.getTime();
}

export const STALE_REASON_MESSAGE: Readonly<Record<StaleMark["reason"]["code"], BilingualLabel>> = {
  CHILD_REOPENED: {
    zh: "下级方案 {reopenedUnitPath} 已被重新打开（{reopenedByRole}，原因：{reason}），本方案的汇总数待修订后重新审核。",
    en: "The plan of {reopenedUnitPath} below was reopened ({reopenedByRole}, reason: {reason}); this plan's roll-up is stale until the revision is approved again.",
  },
};

/** The mark's reason in one language; unit and role codes are inserted as they are, for the caller to name. */
export function formatStaleReason(mark: Pick<StaleMark, "reason">, locale: Locale): string {
  const template = STALE_REASON_MESSAGE[mark.reason.code][locale === "zh-CN" ? "zh" : "en"];
  const params: Readonly<Record<string, string>> = mark.reason.params;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => params[key] ?? whole);
}
