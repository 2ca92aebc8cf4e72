import { makeExecutableSchema } from "@graphql-tools/schema";
import { ORG_LEVELS, PLAN_STATUSES, ROLES, type Role } from "@pyramid/domain";
import { isEnumType, isObjectType, type GraphQLSchema } from "graphql";
import { describe, expect, it } from "vitest";
import type { RequestContext, Viewer } from "../context.js";
import { DomainError } from "../errors.js";
import { applyAccessRules, enforceAccess, findRootFieldsWithoutAccess } from "./access-directive.js";
import { moduleResolvers } from "./create-schema.js";
import { loadTypeDefs } from "./load-type-defs.js";

const baseSdl = loadTypeDefs().find((file) => file.path === "schema/base.graphql")?.source ?? "";

function schemaFrom(...typeDefs: string[]): GraphQLSchema {
  return makeExecutableSchema({ typeDefs: [baseSdl, ...typeDefs] });
}

function everyRootField(schema: GraphQLSchema): string[] {
  return [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((type) =>
    type ? Object.keys(type.getFields()).map((field) => `${type.name}.${field}`) : [],
  );
}

describe("security by default: the real SDL", () => {
  const schema = schemaFrom(...loadTypeDefs().map((file) => file.source));

  it("declares @access on every Query, Mutation and Subscription field", () => {
    expect(everyRootField(schema)).toContain("Query.health");
    expect(findRootFieldsWithoutAccess(schema)).toEqual([]);
  });

  it("has a resolver for every root field", () => {
    const resolved = new Set(
      moduleResolvers.flatMap((map) =>
        Object.entries(map).flatMap(([typeName, fields]) => Object.keys(fields).map((field) => `${typeName}.${field}`)),
      ),
    );
    expect(everyRootField(schema).filter((coordinate) => !resolved.has(coordinate))).toEqual([]);
  });

  it("keeps the GraphQL Role enum equal to the domain's ROLES", () => {
    const roleType = schema.getType("Role");
    expect(isEnumType(roleType)).toBe(true);
    if (!isEnumType(roleType)) return;
    expect(roleType.getValues().map((value) => value.name)).toEqual([...ROLES]);
  });

  it.each([
    ["PlanStatus", PLAN_STATUSES],
    ["OrgLevel", ORG_LEVELS],
  ])("keeps the GraphQL enum %s equal to the domain's list", (name, values) => {
    const type = schema.getType(name);
    expect(isEnumType(type) ? type.getValues().map((value) => value.name) : null).toEqual([...values]);
  });
});

describe("findRootFieldsWithoutAccess", () => {
  it("lists fields without a declaration, with their type", () => {
    const schema = schemaFrom(`
      type Query { open: Int @access(public: true), forgotten: Int }
      type Mutation { alsoForgotten: Int, guarded: Int @access(roles: [HQ_ADMIN]) }
    `);
    expect(findRootFieldsWithoutAccess(schema)).toEqual([
      "Query.forgotten: has no @access declaration",
      "Mutation.alsoForgotten: has no @access declaration",
    ]);
  });

  it("rejects declarations that say nothing or say both", () => {
    const schema = schemaFrom(`
      type Query { empty: Int @access, both: Int @access(public: true, roles: [PLANNER]) }
    `);
    expect(findRootFieldsWithoutAccess(schema)).toEqual([
      "Query.empty: declares @access without roles and without public: true",
      "Query.both: is declared both public and role-restricted; choose one",
    ]);
  });

  it("does not ask for declarations on fields of ordinary object types", () => {
    const schema = schemaFrom(`
      type Plan { id: ID! }
      type Query { plan: Plan @access(roles: [PLANNER]) }
    `);
    expect(isObjectType(schema.getType("Plan"))).toBe(true);
    expect(findRootFieldsWithoutAccess(schema)).toEqual([]);
  });
});

describe("applyAccessRules", () => {
  it("refuses to build a schema with an undeclared root field", () => {
    expect(() => applyAccessRules(schemaFrom(`type Query { forgotten: Int }`))).toThrow(/Query\.forgotten/);
  });

  it("checks the viewer before a role-restricted resolver runs", async () => {
    let resolverRan = false;
    const schema = applyAccessRules(
      makeExecutableSchema({
        typeDefs: [baseSdl, `type Query { secret: Int @access(roles: [HQ_ADMIN]) }`],
        resolvers: {
          Query: {
            secret: () => {
              resolverRan = true;
              return 42;
            },
          },
        },
      }),
    );
    const field = schema.getQueryType()?.getFields()["secret"];
    const resolve = field?.resolve;
    expect(resolve).toBeDefined();
    if (!resolve || !field) return;
    const contextFor = (viewer: Viewer | null) => ({ viewer }) as RequestContext;
    const info = {} as Parameters<typeof resolve>[3];

    expect(() => resolve(undefined, {}, contextFor(null), info)).toThrow(expect.objectContaining({ code: "UNAUTHENTICATED" }));
    const holding = (...roles: Role[]): Viewer => ({
      userId: "u1",
      assignments: roles.map((role) => ({ role, orgUnitId: "o1", orgUnitPath: "/o1/" })),
    });
    expect(() => resolve(undefined, {}, contextFor(holding("PLANNER", "REVIEWER")), info)).toThrow(
      expect.objectContaining({ code: "FORBIDDEN", reason: "ROLE_NOT_ALLOWED" }),
    );
    expect(() => resolve(undefined, {}, contextFor(holding()), info)).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(resolverRan).toBe(false);
    // One of several assignments is enough: which units it covers is the service's check.
    expect(await resolve(undefined, {}, contextFor(holding("PLANNER", "HQ_ADMIN")), info)).toBe(42);
    expect(resolverRan).toBe(true);
  });
});

describe("enforceAccess", () => {
  it("lets anyone call a public field", () => {
    expect(() => enforceAccess({ public: true, roles: [] }, null, "Query.health")).not.toThrow();
  });

  it("names the field in the error's params", () => {
    try {
      enforceAccess({ public: false, roles: ["FINANCE"] }, null, "Query.exportBudget");
      expect.unreachable("enforceAccess should have thrown");
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).reason).toBe("SIGN_IN_REQUIRED");
      expect((error as DomainError).params).toEqual({ field: "Query.exportBudget" });
    }
  });
});
