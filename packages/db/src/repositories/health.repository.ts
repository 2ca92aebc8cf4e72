// Read-only probe for the server's health query: one round trip that proves
// the database answers and says how many migrations it has recorded.
import type { DbClient } from "./db-client.js";

export interface HealthRepository {
  /** Migrations finished and not rolled back, in Prisma's own _prisma_migrations
   * table. Rejects when the database does not answer. */
  countAppliedMigrations(): Promise<number>;
}

export function createHealthRepository(client: DbClient): HealthRepository {
  return {
    async countAppliedMigrations() {
      const rows = await client.$queryRaw<{ applied: number }[]>`
        SELECT count(*)::int AS applied
        FROM "_prisma_migrations"
        WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
      return Number(rows[0]?.applied ?? 0);
    },
  };
}
