// Prisma CLI configuration. The WASM schema engine ("engine: js") needs no
// binary download; the in-memory PGlite adapter is only used by the CLI for
// diffing. The app opens its own database (packages/db/src/open-database.ts).
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { defineConfig } from "prisma/config";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "schema.prisma",
  adapter: async () => new PrismaPGlite(new PGlite()),
});
