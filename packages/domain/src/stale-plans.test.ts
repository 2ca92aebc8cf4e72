import { describe, expect, it } from "vitest";
import {
  formatStaleReason,
  isStaleMarkCleared,
  staleAncestorsAfterReopen,
  type AncestorPlan,
  type ReopenedPlan,
} from "./stale-plans.js";

const at = (iso: string) => new Date(iso);

// The Panyu county plan, approved on 1 Dec, reopened by HQ on 20 Dec.
const REOPENED: ReopenedPlan = {
  planId: "p-py",
  unitPath: "/HQ/GD/GZ/PY/",
  approvedAt: at("2026-12-01T10:00:00Z"),
  reopenedAt: at("2026-12-20T09:00:00Z"),
  reopenedByUserId: "u-hq-admin",
  reopenedByRole: "HQ_ADMIN",
  reopenedByUnitPath: "/HQ/",
  reason: " 价格调整 ",
};

const plan = (planId: string, unitPath: string, status: AncestorPlan["status"], approvedAt: string | null): AncestorPlan => ({
  planId,
  unitPath,
  status,
  approvedAt: approvedAt === null ? null : at(approvedAt),
});

describe("staleAncestorsAfterReopen", () => {
  it("marks every approved ancestor that rolled the plan up, nearest first, with who and why", () => {
    const marks = staleAncestorsAfterReopen(REOPENED, [
      plan("p-hq", "/HQ/", "APPROVED", "2026-12-15T00:00:00Z"),
      plan("p-gz", "/HQ/GD/GZ/", "APPROVED", "2026-12-05T00:00:00Z"),
      plan("p-gd", "/HQ/GD/", "APPROVED", "2026-12-10T00:00:00Z"),
    ]);
    expect(marks.map((m) => m.planId)).toEqual(["p-gz", "p-gd", "p-hq"]);
    expect(marks[0]).toEqual({
      planId: "p-gz",
      unitPath: "/HQ/GD/GZ/",
      since: at("2026-12-20T09:00:00Z"),
      reason: {
        code: "CHILD_REOPENED",
        params: {
          reopenedPlanId: "p-py",
          reopenedUnitPath: "/HQ/GD/GZ/PY/",
          reopenedByUserId: "u-hq-admin",
          reopenedByRole: "HQ_ADMIN",
          reopenedByUnitPath: "/HQ/",
          reason: "价格调整",
        },
      },
    });
  });

  it("leaves alone ancestors not approved, approved before the plan, and plans not above it", () => {
    const marks = staleAncestorsAfterReopen(REOPENED, [
      // submitted: its own approval will wait for the county again
      plan("p-gz", "/HQ/GD/GZ/", "SUBMITTED", null),
      // approved on HQ's waiver on 28 Nov, before the county's approval: never rolled it up
      plan("p-gd", "/HQ/GD/", "APPROVED", "2026-11-28T00:00:00Z"),
      // approved at the very moment of the county's approval: it did roll it up
      plan("p-hq", "/HQ/", "APPROVED", "2026-12-01T10:00:00Z"),
      // a sibling county and the reopened plan itself are not ancestors
      plan("p-hd", "/HQ/GD/GZ/HD/", "APPROVED", "2026-12-05T00:00:00Z"),
      plan("p-py", "/HQ/GD/GZ/PY/", "APPROVED", "2026-12-01T10:00:00Z"),
      // same letters, another branch
      plan("p-g", "/HQ/G/", "APPROVED", "2026-12-05T00:00:00Z"),
    ]);
    expect(marks.map((m) => m.planId)).toEqual(["p-hq"]);
  });
});

describe("isStaleMarkCleared", () => {
  const [mark] = staleAncestorsAfterReopen(REOPENED, [plan("p-gz", "/HQ/GD/GZ/", "APPROVED", "2026-12-05T00:00:00Z")]);

  it("clears only once the ancestor is approved again after the reopen", () => {
    if (mark === undefined) throw new Error("expected a mark");
    // still the approval the reopen made stale
    expect(isStaleMarkCleared(mark, plan("p-gz", "/HQ/GD/GZ/", "APPROVED", "2026-12-05T00:00:00Z"))).toBe(false);
    // reopened itself and on its way back up
    expect(isStaleMarkCleared(mark, plan("p-gz", "/HQ/GD/GZ/", "SUBMITTED", "2026-12-05T00:00:00Z"))).toBe(false);
    expect(isStaleMarkCleared(mark, plan("p-gz", "/HQ/GD/GZ/", "APPROVED", "2026-12-20T09:00:00Z"))).toBe(false);
    expect(isStaleMarkCleared(mark, plan("p-gz", "/HQ/GD/GZ/", "APPROVED", "2026-12-22T16:00:00Z"))).toBe(true);
  });

  it("says why in both languages", () => {
    if (mark === undefined) throw new Error("expected a mark");
    expect(formatStaleReason(mark, "zh-CN")).toBe(
      "下级方案 /HQ/GD/GZ/PY/ 已被重新打开（HQ_ADMIN，原因：价格调整），本方案的汇总数待修订后重新审核。",
    );
    expect(formatStaleReason(mark, "en")).toBe(
      "The plan of /HQ/GD/GZ/PY/ below was reopened (HQ_ADMIN, reason: 价格调整); this plan's roll-up is stale until the revision is approved again.",
    );
  });
});
