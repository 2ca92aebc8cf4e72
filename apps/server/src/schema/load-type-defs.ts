// SDL lives in .graphql files beside each module (one per domain) plus the
// shared base; they are read from disk and merged, never written in strings.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const SOURCE_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");

export interface TypeDefsFile {
  /** Relative to apps/server/src, for error messages. */
  readonly path: string;
  readonly source: string;
}

function listGraphqlFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return listGraphqlFiles(path);
    return entry.isFile() && entry.name.endsWith(".graphql") ? [path] : [];
  });
}

/** base.graphql first, then every modules/<domain>/*.graphql in path order. */
export function loadTypeDefs(sourceDir: string = SOURCE_DIR): TypeDefsFile[] {
  const files = [join(sourceDir, "schema/base.graphql"), ...listGraphqlFiles(join(sourceDir, "modules")).sort()];
  return files.map((path) => ({ path: relative(sourceDir, path), source: readFileSync(path, "utf8") }));
}
