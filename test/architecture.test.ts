// The layering of docs/ARCHITECTURE.md, checked two ways: the declared
// dependencies of each workspace package, and the lint rule that guards the
// import statements themselves (proved here to fire on a violation).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { DataAccess, PrismaClient, Repositories } from "@pyramid/db";
import { ESLint } from "eslint";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { CreateAppOptions } from "../apps/server/src/app.js";
import type { ServiceDependencies } from "../apps/server/src/services.js";

const root = join(import.meta.dirname, "..");

const allowedWorkspaceDeps: Record<string, string[]> = {
  "packages/domain": [],
  "packages/db": ["@pyramid/domain"],
  "apps/server": ["@pyramid/domain", "@pyramid/db"],
  "apps/web": ["@pyramid/domain"],
};

const forbiddenThirdParty: Record<string, RegExp> = {
  "packages/domain": /^(@prisma\/|pg$|@electric-sql\/|pglite-|graphql$|@apollo\/|react)/,
  "packages/db": /^(graphql$|@apollo\/|react)/,
  "apps/web": /^(@prisma\/|pg$|@electric-sql\/|pglite-)/,
};

function dependenciesOf(dir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  return [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.devDependencies ?? {})];
}

describe("package layering", () => {
  for (const [dir, allowed] of Object.entries(allowedWorkspaceDeps)) {
    it(`${dir} depends only on ${allowed.join(", ") || "no workspace package"}`, () => {
      const ours = dependenciesOf(dir).filter((name) => name.startsWith("@pyramid/"));
      expect(ours.filter((name) => !allowed.includes(name))).toEqual([]);
      const pattern = forbiddenThirdParty[dir];
      if (pattern) expect(dependenciesOf(dir).filter((name) => pattern.test(name))).toEqual([]);
    });
  }
});

describe("the import lint rule", () => {
  const eslint = new ESLint({ cwd: root });
  const violations = async (filePath: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
    return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").length;
  };

  it.each([
    ["packages/domain/src/x.ts", 'import { openDatabase } from "@pyramid/db";'],
    ["packages/domain/src/x.ts", 'import { readFileSync } from "node:fs";'],
    ["packages/domain/src/x.ts", 'import { PrismaClient } from "@prisma/client";'],
    ["packages/db/src/x.ts", 'import { createApp } from "@pyramid/server";'],
    ["apps/server/src/modules/plan/plan.resolvers.ts", 'import { openDatabase } from "@pyramid/db";'],
    ["apps/server/src/x.ts", 'import { PrismaClient } from "@prisma/client";'],
    ["apps/server/src/x.ts", 'import type { PrismaClient } from "@pyramid/db";'],
    ["apps/server/src/modules/plan/plan.service.ts", 'import { createRepositories } from "@pyramid/db";'],
    ["apps/server/src/modules/plan/plan.service.ts", 'import type { Database } from "@pyramid/db";'],
    ["apps/server/src/modules/plan/plan.service.ts", 'import { createTestDatabase } from "@pyramid/db/testing";'],
    ["apps/server/src/main.ts", 'import { createPlan } from "@pyramid/db/testing";'],
    ["apps/web/src/x.tsx", 'import { openDatabase } from "@pyramid/db";'],
    ["apps/web/src/x.tsx", 'import { createApp } from "@pyramid/server";'],
  ])("refuses in %s: %s", async (file, code) => {
    expect(await violations(file, `${code}\nexport {};\n`)).toBe(1);
  });

  it.each([
    ["packages/db/src/x.ts", 'import { money } from "@pyramid/domain";'],
    ["apps/server/src/modules/plan/plan.service.ts", 'import { withLockedPlan, type DataAccess } from "@pyramid/db";'],
    ["apps/server/src/main.ts", 'import { openDatabase, type Database } from "@pyramid/db";'],
    ["apps/server/src/modules/plan/plan.int.test.ts", 'import { createTestDatabase } from "@pyramid/db/testing";'],
    ["apps/web/src/x.tsx", 'import { money } from "@pyramid/domain";'],
  ])("allows in %s: %s", async (file, code) => {
    expect(await violations(file, `${code}\nexport {};\n`)).toBe(0);
  });
});

describe("the server never touches the Prisma client", () => {
  const serverSource = join(root, "apps/server/src");
  const productionFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === "generated" ? [] : productionFiles(path);
      return entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
    });

  it("no production file imports a Prisma package, the client's types or @pyramid/db/testing, or reads .prisma", () => {
    const files = productionFiles(serverSource);
    expect(files.map((file) => relative(serverSource, file))).toContain("modules/org/org.service.ts");
    const offenders = files.flatMap((file) => {
      const source = readFileSync(file, "utf8");
      const found = [
        /from "@prisma\//.test(source) && "imports @prisma/*",
        /from "@pyramid\/db\/testing"/.test(source) && "imports @pyramid/db/testing",
        /\bPrismaClient\b/.test(source) && "names PrismaClient",
        /\.prisma\b/.test(source) && "reads .prisma",
      ].filter((problem): problem is string => typeof problem === "string");
      return found.map((problem) => `${relative(serverSource, file)}: ${problem}`);
    });
    expect(offenders).toEqual([]);
  });

  it("gets only DataAccess: repositories and inTransaction, no client anywhere in its type", () => {
    expectTypeOf<CreateAppOptions>().not.toHaveProperty("db");
    expectTypeOf<CreateAppOptions["dataAccess"]>().toEqualTypeOf<DataAccess>();
    expectTypeOf<ServiceDependencies["dataAccess"]>().toEqualTypeOf<DataAccess>();
    expectTypeOf<DataAccess>().not.toHaveProperty("prisma");
    // No repository hands out the client either.
    type Leaks<T> = { [K in keyof T]: T[K] extends PrismaClient ? K : never }[keyof T];
    expectTypeOf<Leaks<DataAccess>>().toEqualTypeOf<never>();
    expectTypeOf<{ [K in keyof Repositories]: Leaks<Repositories[K]> }[keyof Repositories]>().toEqualTypeOf<never>();
  });
});
