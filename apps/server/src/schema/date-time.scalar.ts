// DateTime: an instant as an ISO 8601 string in UTC, a Date inside the server.
import { GraphQLScalarType, Kind } from "graphql";

function parseInstant(value: unknown): Date {
  if (typeof value !== "string") throw new TypeError("DateTime must be an ISO 8601 string.");
  const date = new Date(value);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    throw new TypeError(`DateTime must be an ISO 8601 instant such as 2025-01-31T08:00:00Z, not ${JSON.stringify(value)}.`);
  }
  return date;
}

export const dateTimeScalar = new GraphQLScalarType<Date, string>({
  name: "DateTime",
  serialize(value) {
    const date = value instanceof Date ? value : parseInstant(value);
    if (Number.isNaN(date.getTime())) throw new TypeError("DateTime cannot serialize an invalid Date.");
    return date.toISOString();
  },
  parseValue: parseInstant,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new TypeError("DateTime literals must be strings.");
    return parseInstant(ast.value);
  },
});
