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
const noDrivers = [
  "@prisma/*",
  "pg",
  "@electric-sql/*",
  "pglite-prisma-adapter",
  "graphql",
  "@apollo/*",
  "react",
  "react-dom",
].map((name) => ({ group: [name], message: "Not allowed in this layer." }));

// The server receives repositories and a transaction boundary (DataAccess), never the
// Prisma client: it may not import the client's types or the repository factory, and its
// production code may not reach for a `.prisma` property.
const onlyRepositories = "Only packages/db touches Prisma: use the repositories of DataAccess (inTransaction for changes).";
const prismaNames = ["PrismaClient", "Prisma", "DbClient", "createRepositories", "createDataAccess"];
const noPrismaMember = [
  { selector: "MemberExpression[property.name='prisma']", message: onlyRepositories },
  { selector: "TSPropertySignature[key.name='prisma']", message: onlyRepositories },
];
const serverTests = ["apps/server/src/**/*.test.ts"];
// The database handle (which holds the client) stays in main.ts.
const databaseHandleNames = ["Database", "openDatabase"];
const serverImportRule = (restrictedNames) => ({
  paths: [{ name: "@pyramid/db", importNames: restrictedNames, message: onlyRepositories }],
  patterns: [
    ...noOurPackages("@pyramid/web"),
    { group: ["@prisma/*", "**/generated/client*"], message: onlyRepositories },
    {
      group: ["@pyramid/db/testing", "@pyramid/db/testing/*"],
      message: "Test helpers are for tests: production code never loads them.",
    },
  ],
});

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
            {
              group: ["graphql", "@apollo/*", "react", "react-dom"],
              message: "The data layer knows nothing of GraphQL or React.",
            },
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
        {
          patterns: [
            ...noOurPackages("@pyramid/db", "@pyramid/web"),
            { group: ["@prisma/*", "**/generated/client*"], message: "Resolvers call services, never the database." },
          ],
        },
      ],
    },
  },
  {
    files: ["apps/server/src/**/*.ts"],
    ignores: ["apps/server/src/**/*.resolvers.ts", "apps/server/src/main.ts", ...serverTests],
    rules: {
      "no-restricted-imports": ["error", serverImportRule([...prismaNames, ...databaseHandleNames])],
      "no-restricted-syntax": ["error", ...noPrismaMember],
    },
  },
  {
    // Start-up opens, migrates and seeds the database (db functions that take the handle),
    // then hands the app db.dataAccess only.
    files: ["apps/server/src/main.ts"],
    rules: {
      "no-restricted-imports": ["error", serverImportRule(prismaNames)],
      "no-restricted-syntax": ["error", ...noPrismaMember],
    },
  },
  {
    // Tests may set up data with the client (db.prisma) and use @pyramid/db/testing.
    files: serverTests,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...noOurPackages("@pyramid/web"),
            {
              group: ["@prisma/*", "**/generated/client*"],
              message: "Tests take the client from @pyramid/db/testing's databases.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["apps/web/src/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...noOurPackages("@pyramid/db", "@pyramid/server"),
            { group: ["@prisma/*", "pg", "@electric-sql/*", "node:*"], message: "The web app talks to the API only." },
          ],
        },
      ],
    },
  },
);
