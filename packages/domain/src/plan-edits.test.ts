import { describe, expect, it } from "vitest";
import { parseTargetValue, targetValueScale } from "./plan-edits.js";

const read = (text: string, scale: number) => {
  const parsed = parseTargetValue(text, scale);
  return parsed.ok ? parsed.value.toString() : parsed.code;
};

describe("parseTargetValue", () => {
  it("reads what people type or paste, at the stored two decimals", () => {
    expect(read("1,234.5", 2)).toBe("1234.50");
    expect(read("１，２３４．５０", 2)).toBe("1234.50");
    expect(read("¥12.3万", 2)).toBe("123000.00");
    expect(read("（５）", 2)).toBe("-5.00");
    expect(read("42", 0)).toBe("42.00");
  });

  it("holds the value to the metric's scale, and a finer metric to the column's", () => {
    expect(read("1.005", 2)).toBe("TOO_MANY_DECIMALS");
    expect(read("1.5", 0)).toBe("TOO_MANY_DECIMALS");
    expect(read("1.25", 4)).toBe("1.25");
    expect(read("1.125", 4)).toBe("TOO_MANY_DECIMALS");
    expect(targetValueScale(4)).toBe(2);
  });

  it("refuses what the column cannot keep: 16 digits before the point at most", () => {
    expect(read("9999999999999999.99", 2)).toBe("9999999999999999.99");
    expect(read("-9999999999999999.99", 2)).toBe("-9999999999999999.99");
    expect(read("10000000000000000", 2)).toBe("TOO_LARGE");
    expect(read("100000000000000000000", 2)).toBe("TOO_LARGE");
    expect(read("1000000000000万", 2)).toBe("TOO_LARGE");
  });

  it("says why, quoting the text", () => {
    expect(parseTargetValue("abc", 2)).toMatchObject({ ok: false, code: "NOT_A_NUMBER", text: "abc", scale: 2 });
    expect(parseTargetValue("", 2)).toMatchObject({ ok: false, code: "EMPTY" });
    const large = parseTargetValue("1e20", 2);
    expect(large).toMatchObject({ ok: false, code: "NOT_A_NUMBER" });
  });
});
