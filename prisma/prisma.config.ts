// Prisma CLI configuration. The WASM schema engine ("engine: js") needs no
// binary download; the in-memory PGlite adapter is only used by the CLI for
// diffing. The app opens its own database (packages/db/src/open-database.ts).
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { defineConfig } from "prisma/config";

type CliAdapter = Awaited<ReturnType<Extract<Parameters<typeof defineConfig>[0], { engine: "js" }>["adapter"]>>;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "schema.prisma",
  // pglite-prisma-adapter 0.6 is typed against an older @prisma/driver-adapter-utils
  // than Prisma 6.19's; the runtime interface is the same.
  adapter: async () => new PrismaPGlite(new PGlite()) as unknown as CliAdapter,
});
