// @pyramid/db/testing: what tests need and production never loads: throw-away
// databases (PGlite in memory, or a fresh PostgreSQL database per call when
// TEST_DATABASE_URL is set) and factories that write minimal valid rows.
export * from "./test-database.js";
export * from "./factories.js";
