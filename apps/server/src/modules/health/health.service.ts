// The health use case: is the database answering, which one is it, and how
// far has it been migrated. Public, so it reveals nothing beyond that.
import { countAppliedMigrations, type Database } from "@pyramid/db";

export interface HealthReport {
  readonly status: "OK" | "DATABASE_UNAVAILABLE";
  readonly database: Database["kind"];
  readonly migrationsApplied: number | null;
  readonly version: string;
  readonly serverTime: Date;
}

export interface HealthServiceDependencies {
  readonly db: Pick<Database, "kind" | "prisma">;
  readonly version: string;
  readonly now?: () => Date;
  /** Told when the database probe fails; the report itself only says "unavailable". */
  readonly onProbeFailure?: (error: unknown) => void;
}

export class HealthService {
  constructor(private readonly dependencies: HealthServiceDependencies) {}

  async getHealth(): Promise<HealthReport> {
    const { db, version, now = () => new Date(), onProbeFailure } = this.dependencies;
    const common = { database: db.kind, version } as const;
    try {
      const migrationsApplied = await countAppliedMigrations(db.prisma);
      return { ...common, status: "OK", migrationsApplied, serverTime: now() };
    } catch (error) {
      onProbeFailure?.(error);
      return { ...common, status: "DATABASE_UNAVAILABLE", migrationsApplied: null, serverTime: now() };
    }
  }
}
