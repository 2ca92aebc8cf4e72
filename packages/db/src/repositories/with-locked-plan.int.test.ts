// The state-change pattern (withLockedPlan over DataAccess.inTransaction):
// concurrent writers on one plan run one after the other, each re-reading
// what the previous one committed; a refusal writes nothing; the audit row
// commits with the change or not at all.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createOrgChain, createPlan, createPlanCycle, testDatabaseKind, useTestDatabase } from "../testing/index.js";
import { NestedTransactionError } from "./data-access.js";
import { RecordNotFoundError } from "./errors.js";
import { withLockedPlan } from "./with-locked-plan.js";

const getDb = useTestDatabase();

async function newPlan(): Promise<string> {
  const { prisma } = getDb();
  const { county } = await createOrgChain(prisma);
  const cycle = await createPlanCycle(prisma, { withTemplate: false });
  return (await createPlan(prisma, { cycleId: cycle.id, orgUnitId: county.id })).id;
}

/** A writer that bumps the plan's version, recording the version it found once locked. */
function bumpVersion(
  planId: string,
  label: string,
  seen: Map<string, number>,
  holdLockUntil: Promise<void> = Promise.resolve(),
  onLocked = () => {},
) {
  return withLockedPlan(getDb().dataAccess, planId, async (plan, repositories) => {
    seen.set(label, plan.version);
    onLocked();
    await holdLockUntil;
    const updated = await repositories.plans.update(plan.id, {});
    return {
      result: updated.version,
      audit: { actorId: null, action: label, before: { version: plan.version }, after: { version: updated.version } },
    };
  });
}

/** Resolves true once some backend of this database waits for a lock (PostgreSQL only),
 * false if `gaveUp()` turns true first (the second writer got through unblocked). */
async function someoneWaitsForALock(url: string, gaveUp: () => boolean): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (;;) {
      const { rows } = await client.query<{ waiting: number }>(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if ((rows[0]?.waiting ?? 0) > 0) return true;
      if (gaveUp()) return false;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await client.end();
  }
}

describe("withLockedPlan", () => {
  it("serialises two concurrent writers on one plan: the second waits, then sees the first's change", async () => {
    const planId = await newPlan();
    const seen = new Map<string, number>();
    let releaseFirst = () => {};
    const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstLocked = () => {};
    const firstHasLock = new Promise<void>((resolve) => (firstLocked = resolve));

    const first = bumpVersion(planId, "FIRST", seen, firstHolds, firstLocked);
    await firstHasLock;
    const second = bumpVersion(planId, "SECOND", seen);
    const db = getDb();
    if (testDatabaseKind === "postgres" && db.url) {
      // The proof that the row lock does the work: the second writer is blocked inside
      // PostgreSQL while the first holds the plan.
      expect(await someoneWaitsForALock(db.url, () => seen.has("SECOND"))).toBe(true);
      expect(seen.has("SECOND")).toBe(false);
    }
    releaseFirst();
    expect(await Promise.all([first, second])).toEqual([2, 3]);

    expect(Object.fromEntries(seen)).toEqual({ FIRST: 1, SECOND: 2 });
    expect((await db.prisma.plan.findUniqueOrThrow({ where: { id: planId } })).version).toBe(3);
    const audit = await db.dataAccess.repositories.audit.listFor("Plan", planId);
    expect(audit.map(({ action, before, after }) => ({ action, before, after }))).toEqual([
      { action: "FIRST", before: { version: 1 }, after: { version: 2 } },
      { action: "SECOND", before: { version: 2 }, after: { version: 3 } },
    ]);
  });

  it("writes nothing, audit included, when the work refuses after writing", async () => {
    const planId = await newPlan();
    const refusal = new Error("the domain rule says no");
    const outcome = withLockedPlan(getDb().dataAccess, planId, async (plan, repositories) => {
      await repositories.plans.update(plan.id, { status: "SUBMITTED", submittedAt: new Date() });
      await repositories.audit.append({ actorId: null, entity: "Plan", entityId: plan.id, action: "EARLY_NOTE" });
      throw refusal;
    });
    await expect(outcome).rejects.toBe(refusal);
    const plan = await getDb().dataAccess.repositories.plans.findById(planId);
    expect(plan).toMatchObject({ status: "DRAFT", version: 1, submittedAt: null });
    expect(await getDb().dataAccess.repositories.audit.listFor("Plan", planId)).toEqual([]);
  });

  it("throws RecordNotFoundError for an unknown plan, without running the work", async () => {
    let ran = false;
    const outcome = withLockedPlan(getDb().dataAccess, "00000000-0000-0000-0000-000000000000", async () => {
      ran = true;
      return { result: null, audit: { actorId: null, action: "NEVER" } };
    });
    await expect(outcome).rejects.toBeInstanceOf(RecordNotFoundError);
    expect(ran).toBe(false);
  });

  it("commits the change and its audit row together", async () => {
    const planId = await newPlan();
    const submittedAt = new Date("2026-12-01T08:00:00.000Z");
    const updated = await withLockedPlan(getDb().dataAccess, planId, async (plan, repositories) => {
      const after = await repositories.plans.update(plan.id, { status: "SUBMITTED", submittedAt });
      return {
        result: after,
        audit: { actorId: null, action: "SUBMIT", before: { status: plan.status }, after: { status: after.status } },
      };
    });
    expect(updated).toMatchObject({ id: planId, status: "SUBMITTED", version: 2, submittedAt });
    const [row] = await getDb().dataAccess.repositories.audit.listFor("Plan", planId);
    expect(row).toMatchObject({
      entity: "Plan",
      entityId: planId,
      action: "SUBMIT",
      before: { status: "DRAFT" },
      after: { status: "SUBMITTED" },
    });
  });

  it("refuses a transaction opened inside the work (it would not see the locked change), and rolls back", async () => {
    const planId = await newPlan();
    const { dataAccess } = getDb();
    const outcome = withLockedPlan(dataAccess, planId, async (plan, repositories) => {
      await repositories.plans.update(plan.id, {});
      await dataAccess.inTransaction(async () => undefined);
      return { result: null, audit: { actorId: null, action: "NEVER" } };
    });
    await expect(outcome).rejects.toBeInstanceOf(NestedTransactionError);
    expect((await dataAccess.repositories.plans.findById(planId))?.version).toBe(1);
    // The boundary is usable again afterwards.
    expect(await dataAccess.inTransaction(async (repositories) => (await repositories.plans.findById(planId))?.version)).toBe(1);
  });
});
