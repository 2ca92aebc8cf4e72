// pnpm db:seed — migrates the configured database (DATABASE_URL, or the embedded
// PGlite in PGLITE_DATA_DIR / data/pglite), then seeds the demo company 金樽酒业.
// Safe to run again: an already seeded database is left unchanged.
import { ROLE_LABELS } from "@pyramid/domain";
import { migrate } from "../migrate.js";
import { readDatabaseEnvironment } from "../config.js";
import { openDatabase, type Database } from "../open-database.js";
import { DEMO_PASSWORD } from "../seed/demo-company.data.js";
import { seedDemoCompany, type SeedReport } from "../seed/seed-demo-company.js";
import { installShutdownHandlers } from "../shutdown.js";

function printSummary(report: SeedReport): void {
  const { counts } = report;
  const years = Object.keys(counts.salesActualsByYear).join(" and ");
  const perYear = (byYear: Readonly<Record<string, number>>) =>
    Object.entries(byYear)
      .map(([year, count]) => `${year}: ${count}`)
      .join(", ");
  console.log(
    [
      `Demo company 金樽酒业 (Jinzun Liquor):`,
      `  org units     ${counts.orgUnits.total} (HQ ${counts.orgUnits.HQ}, provinces ${counts.orgUnits.PROVINCE}, cities ${counts.orgUnits.CITY}, counties ${counts.orgUnits.COUNTY}), townships ${counts.townships}`,
      `  products      ${counts.productSpecs} specs in ${counts.productLines} lines; channels ${counts.channels}`,
      `  terminals     ${counts.terminals} (${counts.coreTerminals} core); distributors ${counts.distributors}`,
      `  metrics       ${counts.metrics}; expense categories ${counts.expenseCategories}, items ${counts.expenseItems}`,
      `  history       ${years}: sales actual rows ${perYear(counts.salesActualsByYear)}; expense actual rows ${perYear(counts.expenseActualsByYear)}`,
      `  plan cycle    ${counts.planCycles} open, ${counts.templateSections} template sections, ${counts.plans} DRAFT plans`,
      report.insertedTotal === 0
        ? `Already seeded: nothing inserted (${report.durationMs} ms).`
        : `Inserted ${report.insertedTotal} rows in ${(report.durationMs / 1000).toFixed(1)} s.`,
      ``,
      `Demo logins (${report.logins.length} users), all with password "${DEMO_PASSWORD}":`,
    ].join("\n"),
  );
  const width = Math.max(...report.logins.map((login) => login.login.length));
  const roleWidth = Math.max(...report.logins.map((login) => login.roles.join("+").length));
  for (const login of report.logins) {
    const labels = login.roles.map((role) => ROLE_LABELS[role].zh).join("、");
    console.log(`  ${login.login.padEnd(width)}  ${login.roles.join("+").padEnd(roleWidth)}  ${labels}  ${login.orgUnitCode}`);
  }
}

async function main(): Promise<number> {
  let db: Database | undefined;
  try {
    db = await openDatabase(readDatabaseEnvironment(process.env));
    // Ctrl-C mid-seed: the seed's transaction is rolled back and PGlite closed cleanly.
    installShutdownHandlers(db);
    console.log(`Seeding ${db.describe}`);
    const migrations = await migrate(db, { log: (line) => console.log(`  ${line}`) });
    if (migrations.applied.length > 0) console.log(`Applied ${migrations.applied.length} migration(s) first.`);
    const report = await seedDemoCompany(db.prisma, { log: (line) => console.log(`  ${line}`) });
    printSummary(report);
    return 0;
  } catch (error) {
    console.error(`Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await db?.close();
  }
}

process.exitCode = await main();
