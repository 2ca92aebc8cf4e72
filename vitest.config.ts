import { defineConfig } from "vitest/config";

// Test tiers by file name (docs/DEVELOPMENT.md):
//   *.test.ts      fast, no database
//   *.int.test.ts  real database: embedded PGlite, or PostgreSQL when TEST_DATABASE_URL is set
//   *.e2e.ts       headless Chromium against the built app
const ignored = ["**/node_modules/**", "**/dist/**"];

// graphql 16 ships CommonJS (index.js) and ESM (index.mjs). Node, and so every
// library loaded outside Vite (Apollo Server, graphql-tools), gets index.js,
// while Vite would hand our sources index.mjs: two copies, and graphql's
// "from another module or realm" error. One copy for both sides:
const resolve = { alias: [{ find: /^graphql$/, replacement: "graphql/index.js" }] };

export default defineConfig({
  test: {
    projects: [
      {
        resolve,
        test: {
          name: "unit",
          include: ["{apps,packages,scripts}/**/*.test.{ts,tsx}", "test/**/*.test.ts"],
          exclude: [...ignored, "**/*.int.test.ts"],
          // Component tests wait for pages (render.tsx): room for a busy machine, not a speed check.
          testTimeout: 60_000,
        },
      },
      {
        resolve,
        test: {
          name: "int",
          include: ["{apps,packages}/**/*.int.test.ts"],
          exclude: ignored,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve,
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
