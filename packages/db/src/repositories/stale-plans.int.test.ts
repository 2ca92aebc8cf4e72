// A reopen marks the approved ancestors that rolled the plan up as stale, and the mark is
// visible on the plan with its reason and cause until the ancestor is approved again.
import { describe, expect, it } from "vitest";
import { isStaleMarkCleared, staleAncestorsAfterReopen } from "@pyramid/domain";
import { createOrgChain, createPlan, createPlanCycle, useTestDatabase } from "../testing/index.js";

const getDb = useTestDatabase();

const at = (day: string) => new Date(`2026-12-${day}T09:00:00.000Z`);

describe("stale ancestors after a reopen", () => {
  it("marks the city and province that approved after the county, not HQ that approved before it, and clears on re-approval", async () => {
    const { prisma, dataAccess } = getDb();
    const chain = await createOrgChain(prisma);
    const cycle = await createPlanCycle(prisma, { year: 2027 });
    const plan = async (unitId: string, approvedAt: Date) => {
      const created = await createPlan(prisma, { cycleId: cycle.id, orgUnitId: unitId, status: "APPROVED" });
      await prisma.plan.update({ where: { id: created.id }, data: { approvedAt } });
      return created.id;
    };
    // HQ approved on the 1st (on a waiver, before the county), the county on the 2nd,
    // the city on the 3rd and the province on the 4th: city and province rolled it up.
    const hq = await plan(chain.hq.id, at("01"));
    const county = await plan(chain.county.id, at("02"));
    const city = await plan(chain.city.id, at("03"));
    const province = await plan(chain.province.id, at("04"));

    const marked = await dataAccess.inTransaction(async (repositories) => {
      const ancestors = await repositories.plans.findAncestorPlans(county);
      expect(ancestors.map((ancestor) => ancestor.planId)).toEqual([city, province, hq]); // nearest first
      const marks = staleAncestorsAfterReopen(
        {
          planId: county,
          unitPath: chain.county.path,
          approvedAt: at("02"),
          reopenedAt: at("10"),
          reopenedByUserId: "hq-admin",
          reopenedByRole: "HQ_ADMIN",
          reopenedByUnitPath: chain.hq.path,
          reason: "县级会议修订 2027 目标",
        },
        ancestors,
      );
      return repositories.plans.markStale(
        marks.map((mark) => ({ planId: mark.planId, since: mark.since, reason: mark.reason.params.reason, causePlanId: county })),
      );
    });
    expect(marked).toBe(2);

    const stale = await prisma.plan.findMany({
      where: { cycleId: cycle.id, staleSince: { not: null } },
      select: { id: true, staleSince: true, staleReason: true, staleCausePlanId: true },
    });
    expect(stale.map((row) => row.id).sort()).toEqual([city, province].sort());
    for (const row of stale) {
      expect(row).toMatchObject({ staleSince: at("10"), staleReason: "县级会议修订 2027 目标", staleCausePlanId: county });
    }

    // The city is approved again on the 12th: its mark clears; the province's stays.
    const cityPlan = await dataAccess.repositories.plans.findById(city);
    expect(isStaleMarkCleared({ since: cityPlan!.staleSince! }, { status: "APPROVED", approvedAt: at("12") })).toBe(true);
    await dataAccess.inTransaction((repositories) => repositories.plans.clearStale(city));
    expect((await dataAccess.repositories.plans.findById(city))?.staleSince).toBeNull();
    expect((await dataAccess.repositories.plans.findById(province))?.staleReason).toBe("县级会议修订 2027 目标");
  });
});
