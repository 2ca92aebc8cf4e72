// The server's first start on an empty embedded database: migrations are done,
// and the demo company goes in so there is something to plan with. Here, and
// not in the server, because it needs the Prisma client.
import type { Database } from "./open-database.js";
import { isDatabaseEmpty, seedDemoCompany, type SeedOptions, type SeedReport } from "./seed/seed-demo-company.js";

export type FirstStartSeed = SeedReport;

export interface FirstStartOptions extends SeedOptions {
  /** Told before seeding starts (seeding takes tens of seconds). */
  readonly onEmpty?: () => void;
}

/** True when the database has no org units and no users yet (a new PostgreSQL database, say). */
export function isEmptyDatabase(db: Pick<Database, "prisma">): Promise<boolean> {
  return isDatabaseEmpty(db.prisma);
}

/** Seeds the demo company when the database has no rows yet; null when it already had some. */
export async function seedDemoCompanyIfEmpty(
  db: Pick<Database, "prisma">,
  { onEmpty, ...options }: FirstStartOptions = {},
): Promise<FirstStartSeed | null> {
  if (!(await isDatabaseEmpty(db.prisma))) return null;
  onEmpty?.();
  return seedDemoCompany(db.prisma, options);
}
