// Plan cycles: the cycle and its stored settings. The settings become the checks' config in
// one place, the domain's checkConfigFromCycle, which also validates the stored JSON.
import { checkConfigFromCycle, type CycleConfigResult, type CycleSettings, type OrgLevel } from "@pyramid/domain";
import type { CycleStatus } from "../../generated/client/index.js";
import type { DbClient } from "./db-client.js";

export interface PlanCycleRecord {
  readonly id: string;
  readonly code: string;
  readonly year: number;
}

/** A cycle as a list of cycles shows it, with its deadline per level. */
export interface PlanCycleListing {
  readonly id: string;
  readonly code: string;
  readonly year: number;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly status: CycleStatus;
  readonly opensOn: Date;
  readonly closesOn: Date;
  /** From the top level down. */
  readonly deadlines: readonly { readonly level: OrgLevel; readonly dueOn: Date }[];
}

export interface PlanCycleRepository {
  /** One cycle with its deadlines, or null. */
  findListing(cycleId: string): Promise<PlanCycleListing | null>;
  /** The cycles in these statuses, newest year first, then by code; with their deadlines. */
  list(statuses: readonly CycleStatus[]): Promise<PlanCycleListing[]>;
  findById(cycleId: string): Promise<PlanCycleRecord | null>;
  /** The cycle's stored settings as the domain reads them (Decimal columns as text). */
  findSettings(cycleId: string): Promise<CycleSettings | null>;
  /** The checks' config for the cycle, or the problems with its stored settings; null when there is no such cycle. */
  findCheckConfig(cycleId: string): Promise<CycleConfigResult | null>;
}

const listingSelect = {
  id: true,
  code: true,
  year: true,
  nameZh: true,
  nameEn: true,
  status: true,
  opensOn: true,
  closesOn: true,
  deadlines: { select: { level: true, dueOn: true }, orderBy: { level: "asc" } },
} as const;

export function createPlanCycleRepository(client: DbClient): PlanCycleRepository {
  const findSettings = async (cycleId: string): Promise<CycleSettings | null> => {
    const row = await client.planCycle.findUnique({
      where: { id: cycleId },
      select: { growthBandMin: true, growthBandMax: true, implausibleFactor: true, minTerminalRank: true, checkConfig: true },
    });
    if (row === null) return null;
    return {
      growthBandMin: row.growthBandMin.toString(),
      growthBandMax: row.growthBandMax.toString(),
      implausibleFactor: row.implausibleFactor.toString(),
      minTerminalRank: row.minTerminalRank,
      checkConfig: row.checkConfig,
    };
  };
  return {
    findListing: (cycleId) => client.planCycle.findUnique({ where: { id: cycleId }, select: listingSelect }),
    list: (statuses) =>
      client.planCycle.findMany({
        where: { status: { in: [...statuses] } },
        orderBy: [{ year: "desc" }, { code: "asc" }],
        select: listingSelect,
      }),
    findById: (cycleId) => client.planCycle.findUnique({ where: { id: cycleId }, select: { id: true, code: true, year: true } }),
    findSettings,
    async findCheckConfig(cycleId) {
      const settings = await findSettings(cycleId);
      if (settings === null) return null;
      const terminalClasses = await client.terminalClass.findMany({
        select: { code: true, rank: true },
        orderBy: { rank: "asc" },
      });
      return checkConfigFromCycle(settings, terminalClasses);
    },
  };
}
