// One lint configuration for the whole workspace. The import rules below keep
// the layering of docs/ARCHITECTURE.md true: domain imports nothing of ours,
// db imports domain, server imports domain and db (resolvers never db), web
// imports domain only.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const noOurPackages = (...names) =>
  names.map((name) => ({ group: [name, `${name}/*`], message: `This layer may not import ${name}.` }));
const noIo = ["node:*", "fs", "path", "child_process", "net", "http", "https", "os", "crypto"].map((name) => ({
  group: [name],
  message: "The domain package is pure: no I/O.",
}));
const noDrivers = ["@prisma/*", "pg", "@electric-sql/*", "pglite-prisma-adapter", "graphql", "@apollo/*", "react", "react-dom"].map(
  (name) => ({ group: [name], message: "Not allowed in this layer." }),
);

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "packages/db/generated/**",
      "data/**",
      "**/*.generated.ts",
      // GraphQL types from `pnpm codegen` (codegen.ts): generated, never edited.
      "apps/server/src/schema/generated/**",
      "apps/web/src/graphql/generated/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{js,mjs,cjs}"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["packages/domain/src/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [...noOurPackages("@pyramid/db", "@pyramid/server", "@pyramid/web"), ...noIo, ...noDrivers] },
      ],
    },
  },
  {
    files: ["packages/db/src/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...noOurPackages("@pyramid/server", "@pyramid/web"),
            { group: ["graphql", "@apollo/*", "react", "react-dom"], message: "The data layer knows nothing of GraphQL or React." },
          ],
        },
      ],
    },
  },
  {
    files: ["apps/server/src/**/*.resolvers.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [...noOurPackages("@pyramid/db", "@pyramid/web"), { group: ["@prisma/*", "**/generated/client*"], message: "Resolvers call services, never the database." }] },
      ],
    },
  },
  {
    files: ["apps/server/src/**/*.ts"],
    ignores: ["apps/server/src/**/*.resolvers.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [...noOurPackages("@pyramid/web"), { group: ["@prisma/*", "**/generated/client*"], message: "Only packages/db touches Prisma." }] },
      ],
    },
  },
  {
    files: ["apps/web/src/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [...noOurPackages("@pyramid/db", "@pyramid/server"), { group: ["@prisma/*", "pg", "@electric-sql/*", "node:*"], message: "The web app talks to the API only." }] },
      ],
    },
  },
);
