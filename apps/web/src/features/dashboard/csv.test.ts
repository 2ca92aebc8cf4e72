import { describe, expect, it } from "vitest";
import { toCsv } from "./csv.js";

describe("toCsv", () => {
  it("starts with a BOM, quotes what needs it and keeps decimals as text", () => {
    expect(
      toCsv(
        ["单位", "目标"],
        [
          ["从化区, 市场部", "1234.50"],
          ['say "hi"', null],
        ],
      ),
    ).toBe('\uFEFF单位,目标\r\n"从化区, 市场部",1234.50\r\n"say ""hi""",\r\n');
  });
});
