import { defineConfig } from "vitest/config";

// Test tiers by file name (docs/DEVELOPMENT.md):
//   *.test.ts      fast, no database
//   *.int.test.ts  real database: embedded PGlite, or PostgreSQL when TEST_DATABASE_URL is set
//   *.e2e.ts       headless Chromium against the built app
const ignored = ["**/node_modules/**", "**/dist/**"];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["{apps,packages,scripts}/**/*.test.{ts,tsx}", "test/**/*.test.ts"],
          exclude: [...ignored, "**/*.int.test.ts"],
        },
      },
      {
        test: {
          name: "int",
          include: ["{apps,packages}/**/*.int.test.ts"],
          exclude: ignored,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["e2e/**/*.e2e.ts"],
          exclude: ignored,
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
