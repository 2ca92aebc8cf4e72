import { fileURLToPath } from "node:url";
import { isAbsolute, join, resolve } from "node:path";

// This file lives at packages/db/src/repo-root.ts; the repository root is three levels up.
// Computed from the module's own location so it is right whatever the current directory
// (pnpm --filter runs scripts inside packages/db, tests run from the root).
const root = fileURLToPath(new URL("../../..", import.meta.url)).replace(/[\\/]$/, "");

/** Absolute path of the monorepo root (the directory holding prisma/ and packages/). */
export function repoRoot(): string {
  return root;
}

/** prisma/migrations under the repository root. */
export function defaultMigrationsDir(): string {
  return join(root, "prisma", "migrations");
}

/** prisma/schema.prisma under the repository root. */
export function defaultSchemaPath(): string {
  return join(root, "prisma", "schema.prisma");
}

/** data/pglite under the repository root: where the embedded database lives by default. */
export function defaultDataDir(): string {
  return join(root, "data", "pglite");
}

/** Relative paths are taken from the repository root, not the current directory. */
export function resolveFromRepoRoot(path: string): string {
  return isAbsolute(path) ? path : resolve(root, path);
}
