// Secure by default: every root field declares who may call it with
// @access (schema/base.graphql), and the rule is enforced here, before the
// field's own resolver runs. A field without a declaration is refused when
// the schema is built, so it can never ship open by accident.
import { defaultFieldResolver, type GraphQLFieldConfig, type GraphQLSchema } from "graphql";
import { getDirective, MapperKind, mapSchema } from "@graphql-tools/utils";
import { DomainError } from "../errors.js";
import type { Role } from "@pyramid/domain";
import type { RequestContext } from "../context.js";
import { viewerHoldsAnyRole, type Viewer } from "../viewer.js";

const ACCESS_DIRECTIVE = "access";

export interface AccessRule {
  readonly public: boolean;
  readonly roles: readonly Role[];
}

type RootFieldConfig = GraphQLFieldConfig<unknown, RequestContext>;

function rootTypeNames(schema: GraphQLSchema): string[] {
  return [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((type) =>
    type ? [type.name] : [],
  );
}

/** The declared rule, or a sentence saying why the declaration is missing or unusable. */
export function readAccessRule(schema: GraphQLSchema, field: RootFieldConfig): AccessRule | string {
  const declarations = getDirective(schema, field, ACCESS_DIRECTIVE);
  const declaration = declarations?.[0];
  if (!declaration) return "has no @access declaration";
  const isPublic = declaration["public"] === true;
  const roles = (declaration["roles"] ?? []) as Role[];
  if (isPublic && roles.length > 0) return "is declared both public and role-restricted; choose one";
  if (!isPublic && roles.length === 0) return "declares @access without roles and without public: true";
  return { public: isPublic, roles };
}

/** Every root field whose access is not properly declared, as "Type.field: reason". */
export function findRootFieldsWithoutAccess(schema: GraphQLSchema): string[] {
  const problems: string[] = [];
  for (const typeName of rootTypeNames(schema)) {
    const type = schema.getType(typeName);
    if (!type || !("getFields" in type)) continue;
    for (const field of Object.values(type.getFields())) {
      const rule = readAccessRule(schema, field as unknown as RootFieldConfig);
      if (typeof rule === "string") problems.push(`${typeName}.${field.name}: ${rule}`);
    }
  }
  return problems;
}

/** Throws unless the viewer satisfies the rule: holds one of its roles somewhere. Which
 * units a role covers is the service's check (viewerCan: the domain's access policy), on the unit asked for. */
export function enforceAccess(rule: AccessRule, viewer: Viewer | null, coordinate: string): void {
  if (rule.public) return;
  if (!viewer)
    throw new DomainError("UNAUTHENTICATED", "Please sign in.", { reason: "SIGN_IN_REQUIRED", params: { field: coordinate } });
  if (!viewerHoldsAnyRole(viewer, rule.roles)) {
    throw new DomainError("FORBIDDEN", "Your role may not do this.", {
      reason: "ROLE_NOT_ALLOWED",
      params: { field: coordinate },
    });
  }
}

/** Returns a schema whose root resolvers check their @access rule first.
 * Throws, listing every offender, when a root field has no valid rule. */
export function applyAccessRules(schema: GraphQLSchema): GraphQLSchema {
  const problems = findRootFieldsWithoutAccess(schema);
  if (problems.length > 0) {
    throw new Error(`Every root field must declare who may call it (@access):\n  ${problems.join("\n  ")}`);
  }
  return mapSchema(schema, {
    [MapperKind.ROOT_FIELD]: (fieldConfig, fieldName, typeName) => {
      const config = fieldConfig as RootFieldConfig;
      const rule = readAccessRule(schema, config);
      if (typeof rule === "string" || rule.public) return fieldConfig;
      const coordinate = `${typeName}.${fieldName}`;
      const resolve = config.resolve ?? defaultFieldResolver;
      const subscribe = config.subscribe;
      return {
        ...config,
        resolve: (source, args, context, info) => {
          enforceAccess(rule, context.viewer, coordinate);
          return resolve(source, args, context, info);
        },
        ...(subscribe
          ? {
              subscribe: (source, args, context, info) => {
                enforceAccess(rule, context.viewer, coordinate);
                return subscribe(source, args, context, info);
              },
            }
          : {}),
      } satisfies RootFieldConfig as typeof fieldConfig;
    },
  });
}
