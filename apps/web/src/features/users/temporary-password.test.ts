import { describe, expect, it } from "vitest";
import { TEMPORARY_PASSWORD_ALPHABET, temporaryPassword } from "./temporary-password.js";

/** A random source that hands out these bytes, in order, in chunks of the size asked. */
function bytes(...values: number[]) {
  let next = 0;
  return (count: number) => Uint8Array.from({ length: count }, () => values[next++] ?? 0);
}

describe("temporaryPassword", () => {
  it("has no look-alike letters or digits in its alphabet, each once", () => {
    expect(TEMPORARY_PASSWORD_ALPHABET).not.toMatch(/[0O1lIoZ2S5]/);
    expect(new Set(TEMPORARY_PASSWORD_ALPHABET).size).toBe(52);
  });

  it("maps each byte to a letter by its remainder and groups them by four", () => {
    // 0…11 are a…m without l; 52 wraps round to the first letter, 103 to the last.
    expect(temporaryPassword(bytes(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11))).toBe("abcd-efgh-ijkm");
    expect(temporaryPassword(bytes(52, 103, 51, 25, 0, 0, 0, 0, 0, 0, 0, 0))).toBe("a99B-aaaa-aaaa");
  });

  it("skips bytes of 208 and above, which would favour the first 48 letters, and draws again", () => {
    // 208 = 4 × 52: the first byte value that cannot be used without bias. The first draw of
    // twelve bytes gives ten letters (a…j); the second gives the last two: 207 → index 51 ("9"),
    // 26 → index 26 ("C", after the 24 lower-case letters and "A", "B").
    const drawn = temporaryPassword(bytes(208, 255, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 207, 26));
    expect(drawn).toBe("abcd-efgh-ij9C");
  });

  it("draws from the browser's cryptographic source by default", () => {
    const seen = new Set(Array.from({ length: 20 }, () => temporaryPassword()));
    expect(seen.size).toBe(20);
  });
});
