// The cycle's stored settings and the checks' config are one thing: the column defaults
// are the domain's defaults, and one function (checkConfigFromCycle) reads a row.
import { describe, expect, it } from "vitest";
import { DEFAULT_CYCLE_SETTINGS, Fixed } from "@pyramid/domain";
import { createPlanCycle, ensureTerminalClasses, useTestDatabase } from "../testing/index.js";

const getDb = useTestDatabase();

const sameDecimal = (a: string, b: string) => Fixed.parse(a, 6).units === Fixed.parse(b, 6).units;

describe("plan cycle settings", () => {
  it("stores the domain's defaults when a cycle is created without settings", async () => {
    const { prisma, dataAccess } = getDb();
    const cycle = await prisma.planCycle.create({
      data: {
        code: "FY2031-defaults",
        year: 2031,
        nameZh: "2031",
        nameEn: "2031",
        opensOn: new Date("2030-11-01"),
        closesOn: new Date("2030-12-31"),
      },
    });
    const settings = await dataAccess.repositories.planCycles.findSettings(cycle.id);
    expect(settings).not.toBeNull();
    expect(sameDecimal(settings!.growthBandMin, DEFAULT_CYCLE_SETTINGS.growthBandMin)).toBe(true);
    expect(sameDecimal(settings!.growthBandMax, DEFAULT_CYCLE_SETTINGS.growthBandMax)).toBe(true);
    expect(sameDecimal(settings!.implausibleFactor, DEFAULT_CYCLE_SETTINGS.implausibleFactor)).toBe(true);
    expect(settings!.minTerminalRank).toBe(DEFAULT_CYCLE_SETTINGS.minTerminalRank);
    expect(settings!.checkConfig).toEqual(DEFAULT_CYCLE_SETTINGS.checkConfig);
  });

  it("turns the stored row into the checks' config: band 0–30 %, factor 3, A and B terminals (rank ≤ 2)", async () => {
    const { prisma, dataAccess } = getDb();
    await ensureTerminalClasses(prisma);
    const cycle = await createPlanCycle(prisma, { year: 2032 });
    const result = await dataAccess.repositories.planCycles.findCheckConfig(cycle.id);
    expect(result?.ok).toBe(true);
    if (!result?.ok) return;
    const thresholds = result.config.thresholds!;
    expect(Fixed.parse(thresholds.growthBand!.maxGrowth, 6).units).toBe(300_000n);
    expect(Fixed.parse(thresholds.growthBand!.minGrowth, 6).units).toBe(0n);
    expect(Fixed.parse(thresholds.implausibleFactor!, 6).units).toBe(3_000_000n);
    expect(thresholds.terminalSplitClasses).toEqual(["A", "B"]);
  });

  it("reports a stored override it does not understand instead of throwing", async () => {
    const { prisma, dataAccess } = getDb();
    const cycle = await createPlanCycle(prisma, { year: 2033 });
    await prisma.planCycle.update({
      where: { id: cycle.id },
      data: { checkConfig: { NO_SUCH_CHECK: { severity: "BLOCK" }, MONTHS_MISSING: { severity: "LOUD" } } },
    });
    const result = await dataAccess.repositories.planCycles.findCheckConfig(cycle.id);
    expect(result?.ok).toBe(false);
    if (result?.ok !== false) return;
    expect(result.problems.map((problem) => problem.code).sort()).toEqual(["BAD_SEVERITY", "UNKNOWN_CHECK"]);
    expect(await dataAccess.repositories.planCycles.findCheckConfig("00000000-0000-0000-0000-000000000000")).toBeNull();
  });
});
