// The committed GraphQL types are what `pnpm codegen` makes from the SDL files
// and the web app's documents today. Runs the generator in memory (codegen.ts,
// nothing written, no server, no network) and compares file by file.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { generate } from "@graphql-codegen/cli";
import { describe, expect, it } from "vitest";
import config, { SERVER_OUTPUT, WEB_OUTPUT_DIR, withGeneratedHeader } from "../codegen.js";

const root = join(import.meta.dirname, "..");
const STALE = "The generated GraphQL types are stale: run pnpm codegen and commit the result.";

function committedFiles(): string[] {
  const web = readdirSync(join(root, WEB_OUTPUT_DIR)).map((name) => `${WEB_OUTPUT_DIR}${name}`);
  return [SERVER_OUTPUT, ...web].sort();
}

describe("generated GraphQL types", () => {
  it("match the SDL files and the web app's documents (else: run pnpm codegen)", { timeout: 30_000 }, async () => {
    // Its declared return type is `any` (watch mode); without writing, it is the files.
    const outputs: { filename: string; content: string }[] = await generate(
      { ...config, cwd: root, silent: true, hooks: {} },
      false,
    );
    const generated = new Map(outputs.map((file) => [file.filename, withGeneratedHeader(file.content)]));

    expect([...generated.keys()].sort(), STALE).toEqual(committedFiles());
    for (const [filename, content] of generated) {
      expect(readFileSync(join(root, filename), "utf8"), `${filename}: ${STALE}`).toBe(content);
    }
  });
});
