// The root-field table agrees with the schema: every root field is in it, and its
// @access declaration is what the policy implies.
import { makeExecutableSchema } from "@graphql-tools/schema";
import { ROLES, UNIT_RELATIONS, isAllowed, type Role } from "@pyramid/domain";
import type { GraphQLFieldConfig, GraphQLSchema } from "graphql";
import { describe, expect, it } from "vitest";
import type { RequestContext } from "../context.js";
import { readAccessRule } from "./access-directive.js";
import { loadTypeDefs } from "./load-type-defs.js";
import { ROOT_FIELD_POLICY } from "./root-field-policy.js";

const schema: GraphQLSchema = makeExecutableSchema({ typeDefs: loadTypeDefs().map((file) => file.source) });

function rootFields(): [string, GraphQLFieldConfig<unknown, RequestContext>][] {
  return [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((type) =>
    type
      ? Object.values(type.getFields()).map(
          (field) => [`${type.name}.${field.name}`, field as unknown as GraphQLFieldConfig<unknown, RequestContext>] as const,
        )
      : [],
  ) as [string, GraphQLFieldConfig<unknown, RequestContext>][];
}

describe("ROOT_FIELD_POLICY", () => {
  it("names every root field of the schema, and no other", () => {
    expect(
      rootFields()
        .map(([coordinate]) => coordinate)
        .sort(),
    ).toEqual(Object.keys(ROOT_FIELD_POLICY).sort());
  });

  it.each(rootFields())("%s: @access says what the policy implies", (coordinate, field) => {
    const policy = ROOT_FIELD_POLICY[coordinate];
    const rule = readAccessRule(schema, field);
    if (typeof rule === "string" || policy === undefined) throw new Error(`${coordinate}: ${String(rule)}`);
    if (policy.kind === "PUBLIC") {
      expect(rule.public).toBe(true);
      return;
    }
    expect(rule.public).toBe(false);
    const expectedRoles: readonly Role[] =
      policy.kind === "OWN_ACCOUNT" || policy.kind === "FILTERED_LIST"
        ? ROLES
        : ROLES.filter((role) => UNIT_RELATIONS.some((relation) => isAllowed(role, policy.action, relation)));
    expect([...rule.roles].sort()).toEqual([...expectedRoles].sort());
  });
});
