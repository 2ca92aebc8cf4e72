import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A temporary prisma/migrations-like directory; remove() deletes it. */
export interface TempMigrations {
  readonly dir: string;
  /** Writes <dir>/<name>/migration.sql (creating or overwriting it). */
  write(name: string, sql: string | Buffer): string;
  remove(): void;
}

export function tempMigrationsDir(): TempMigrations {
  const dir = mkdtempSync(join(tmpdir(), "pyramid-migrations-"));
  return {
    dir,
    write(name, sql) {
      mkdirSync(join(dir, name), { recursive: true });
      const path = join(dir, name, "migration.sql");
      writeFileSync(path, sql);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
