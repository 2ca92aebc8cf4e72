// The health use case: is the database answering, which one is it, and how
// far has it been migrated. Public, so it reveals nothing beyond that.
import type { DataAccess } from "@pyramid/db";

export interface HealthReport {
  readonly status: "OK" | "DATABASE_UNAVAILABLE";
  readonly database: DataAccess["kind"];
  readonly migrationsApplied: number | null;
  readonly version: string;
  readonly serverTime: Date;
}

export interface HealthServiceDependencies {
  readonly dataAccess: Pick<DataAccess, "kind" | "repositories">;
  readonly version: string;
  readonly now?: () => Date;
  /** Told when the database probe fails; the report itself only says "unavailable". */
  readonly onProbeFailure?: (error: unknown) => void;
}

export class HealthService {
  constructor(private readonly dependencies: HealthServiceDependencies) {}

  async getHealth(): Promise<HealthReport> {
    const { dataAccess, version, now = () => new Date(), onProbeFailure } = this.dependencies;
    const common = { database: dataAccess.kind, version } as const;
    try {
      const migrationsApplied = await dataAccess.repositories.health.countAppliedMigrations();
      return { ...common, status: "OK", migrationsApplied, serverTime: now() };
    } catch (error) {
      onProbeFailure?.(error);
      return { ...common, status: "DATABASE_UNAVAILABLE", migrationsApplied: null, serverTime: now() };
    }
  }
}
