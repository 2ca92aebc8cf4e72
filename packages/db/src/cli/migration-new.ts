// pnpm db:migration:new <name> — writes prisma/migrations/<UTC timestamp>_<name>/ with the SQL
// that takes the schema snapshot of the newest migration (or nothing) to prisma/schema.prisma,
// and rewrites prisma/migrations/schema.snapshot.prisma.
import { relative } from "node:path";
import { createMigration } from "../migration-authoring.js";
import { repoRoot } from "../repo-root.js";

const name = process.argv.slice(2).join(" ").trim();
if (name === "") {
  console.error("Usage: pnpm db:migration:new <name>   (e.g. pnpm db:migration:new add_plan_status)");
  process.exit(2);
}
try {
  const created = createMigration({ name });
  console.log(
    `Created ${relative(repoRoot(), created.directory)}/migration.sql and updated ${relative(repoRoot(), created.snapshotPath)}.`,
  );
  console.log("Review migration.sql, then apply it with pnpm db:migrate.");
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
