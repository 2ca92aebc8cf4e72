// The demo company (docs/demo-company.md). Test factories live in @pyramid/db/testing.
export {
  seedDemoCompany,
  isDatabaseEmpty,
  describeSeed,
  demoLogins,
  countDatabase,
  SeedConflictError,
  type DemoCounts,
  type DemoLogin,
  type SeedOptions,
  type SeedReport,
} from "./seed-demo-company.js";
export { buildDemoDataset, DEMO_CYCLE_CODE, DEMO_SEEDED_AT, type DemoDataset, type DemoUser } from "./dataset.js";
export { DEMO_PLAN_YEAR, DEMO_HISTORY_YEARS, DEMO_ACTUALS_THROUGH, DEMO_PASSWORD, DEMO_COMPANY } from "./demo-company.data.js";
export { demoId, uuidV5, DEMO_ID_NAMESPACE } from "./ids.js";
export { mulberry32, prngFor, seedFromText, type Prng } from "./prng.js";
