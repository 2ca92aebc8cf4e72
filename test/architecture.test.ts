// The layering of docs/ARCHITECTURE.md, checked two ways: the declared
// dependencies of each workspace package, and the lint rule that guards the
// import statements themselves (proved here to fire on a violation).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

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
    ["apps/web/src/x.tsx", 'import { openDatabase } from "@pyramid/db";'],
    ["apps/web/src/x.tsx", 'import { createApp } from "@pyramid/server";'],
  ])("refuses in %s: %s", async (file, code) => {
    expect(await violations(file, `${code}\nexport {};\n`)).toBe(1);
  });

  it.each([
    ["packages/db/src/x.ts", 'import { money } from "@pyramid/domain";'],
    ["apps/server/src/modules/plan/plan.service.ts", 'import { openDatabase } from "@pyramid/db";'],
    ["apps/web/src/x.tsx", 'import { money } from "@pyramid/domain";'],
  ])("allows in %s: %s", async (file, code) => {
    expect(await violations(file, `${code}\nexport {};\n`)).toBe(0);
  });
});
