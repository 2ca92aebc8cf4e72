// The web cache's possibleTypes (apps/web/src/graphql/possible-types.ts) name
// every union and interface of the schema with exactly its members, read from
// the schema the server builds from its SDL files: a new union in an SDL file
// fails here until the table has it.
import { describe, expect, it } from "vitest";
import { createSchema } from "../apps/server/src/schema/create-schema.js";
import { POSSIBLE_TYPES } from "../apps/web/src/graphql/possible-types.js";

describe("the web cache's possible types", () => {
  it("match the schema's unions and interfaces", () => {
    const schema = createSchema();
    const expected: Record<string, string[]> = {};
    for (const type of Object.values(schema.getTypeMap())) {
      const kind = type.astNode?.kind;
      if (kind !== "UnionTypeDefinition" && kind !== "InterfaceTypeDefinition") continue;
      const members = schema.getPossibleTypes(type as Parameters<typeof schema.getPossibleTypes>[0]);
      expected[type.name] = members.map((member) => member.name).sort();
    }
    expect(Object.keys(expected)).toContain("SaveTargetCellsResult");
    const actual = Object.fromEntries(Object.entries(POSSIBLE_TYPES).map(([name, members]) => [name, [...members].sort()]));
    expect(actual).toEqual(expected);
  });
});
