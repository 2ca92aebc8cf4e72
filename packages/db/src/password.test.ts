import { describe, expect, it } from "vitest";
import { DEFAULT_SCRYPT_COST, hashPassword, passwordNeedsRehash, verifyPassword } from "./password.js";

// A cheap cost keeps the suite fast; the format and the checks are the same.
const fast = { cost: { N: 1024, r: 8, p: 1 } } as const;

describe("hashPassword", () => {
  it("writes scrypt$N$r$p$salt$hash with the default cost", async () => {
    const stored = await hashPassword("demo1234");
    const parts = stored.split("$");
    expect(parts).toHaveLength(6);
    expect(parts.slice(0, 4)).toEqual(["scrypt", String(DEFAULT_SCRYPT_COST.N), "8", "1"]);
    expect(Buffer.from(parts[4] ?? "", "base64")).toHaveLength(16);
    expect(Buffer.from(parts[5] ?? "", "base64")).toHaveLength(32);
    expect(stored).not.toContain("demo1234");
  });

  it("salts randomly: the same password hashes differently each time", async () => {
    const first = await hashPassword("demo1234", fast);
    const second = await hashPassword("demo1234", fast);
    expect(first).not.toBe(second);
    expect(await verifyPassword("demo1234", first)).toBe(true);
    expect(await verifyPassword("demo1234", second)).toBe(true);
  });

  it("is reproducible with a fixed salt (demo fixtures only)", async () => {
    const salt = Buffer.from("0123456789abcdef");
    expect(await hashPassword("demo1234", { ...fast, salt })).toBe(await hashPassword("demo1234", { ...fast, salt }));
  });

  it("refuses empty passwords and bad costs", async () => {
    await expect(hashPassword("")).rejects.toThrow(RangeError);
    await expect(hashPassword("x", { cost: { N: 1000, r: 8, p: 1 } })).rejects.toThrow(/invalid scrypt cost/);
    await expect(hashPassword("x", { cost: { N: 1 << 22, r: 8, p: 1 } })).rejects.toThrow(/invalid scrypt cost/);
  });
});

describe("verifyPassword", () => {
  it("accepts the right password and rejects a wrong one", async () => {
    const stored = await hashPassword("正确的密码 demo", fast);
    expect(await verifyPassword("正确的密码 demo", stored)).toBe(true);
    expect(await verifyPassword("正确的密码 dem0", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("treats malformed or foreign hashes as no match instead of throwing", async () => {
    const stored = await hashPassword("pw", fast);
    const [scheme, n, r, p, salt, key] = stored.split("$");
    const malformed = [
      "",
      "plain-text",
      `bcrypt$${n}$${r}$${p}$${salt}$${key}`,
      `scrypt$${n}$${r}$${p}$${salt}`,
      `scrypt$1000$${r}$${p}$${salt}$${key}`, // N not a power of two
      `scrypt$${1 << 24}$${r}$${p}$${salt}$${key}`, // N too large: would exhaust memory
      `scrypt$${n}$${r}$${p}$$${key}`, // no salt
      `${scheme}$${n}$${r}$${p}$${salt}$`,
    ];
    for (const hash of malformed) expect(await verifyPassword("pw", hash)).toBe(false);
  });

  it("rejects a hash whose key was tampered with", async () => {
    const stored = await hashPassword("pw", fast);
    const parts = stored.split("$");
    const key = Buffer.from(parts[5] ?? "", "base64");
    key[0] = (key[0] ?? 0) ^ 1;
    parts[5] = key.toString("base64");
    expect(await verifyPassword("pw", parts.join("$"))).toBe(false);
  });
});

describe("passwordNeedsRehash", () => {
  it("asks for a rehash when the stored cost is below the default", async () => {
    expect(passwordNeedsRehash(await hashPassword("pw", fast))).toBe(true);
    expect(passwordNeedsRehash(await hashPassword("pw"))).toBe(false);
    expect(passwordNeedsRehash("garbage")).toBe(true);
  });
});
