// Password hashing with scrypt from node:crypto (no native dependency).
//
// Stored format, self-describing so the cost can be raised later without
// breaking existing hashes: "scrypt$<N>$<r>$<p>$<salt base64>$<hash base64>".
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from "node:crypto";

export interface ScryptCost {
  /** CPU/memory cost, a power of two. */
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** OWASP's minimum for scrypt (N = 2^15 would be stronger but costs 2× per login). */
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 16384, r: 8, p: 1 };

const SCHEME = "scrypt";
const SALT_BYTES = 16;
const KEY_BYTES = 32;
// Stored hashes are data: a crafted row with an enormous N must not exhaust memory.
const MAX_N = 1 << 20;
const MAX_R = 32;
const MAX_P = 16;

export interface HashPasswordOptions {
  readonly cost?: ScryptCost;
  /**
   * A fixed salt. Only for reproducible fixtures (the demo seed): a real password
   * must get a random salt, which is the default.
   */
  readonly salt?: Buffer;
}

function deriveKey(plain: string, salt: Buffer, cost: ScryptCost, keyLength: number): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node's default maxmem (32 MiB) is too small for N > 2^15 with r = 8.
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scryptCallback(plain.normalize("NFKC"), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function isValidCost(cost: ScryptCost): boolean {
  const isPowerOfTwo = Number.isInteger(cost.N) && cost.N > 1 && (cost.N & (cost.N - 1)) === 0;
  return (
    isPowerOfTwo &&
    cost.N <= MAX_N &&
    Number.isInteger(cost.r) &&
    cost.r >= 1 &&
    cost.r <= MAX_R &&
    Number.isInteger(cost.p) &&
    cost.p >= 1 &&
    cost.p <= MAX_P
  );
}

/** Hashes a password with a random salt (unless given) into the stored format. */
export async function hashPassword(plain: string, options: HashPasswordOptions = {}): Promise<string> {
  const cost = options.cost ?? DEFAULT_SCRYPT_COST;
  if (!isValidCost(cost)) throw new RangeError(`invalid scrypt cost N=${cost.N} r=${cost.r} p=${cost.p}`);
  if (plain.length === 0) throw new RangeError("a password may not be empty");
  const salt = options.salt ?? randomBytes(SALT_BYTES);
  if (salt.length < 8) throw new RangeError("the salt must be at least 8 bytes");
  const key = await deriveKey(plain, salt, cost, KEY_BYTES);
  return [SCHEME, cost.N, cost.r, cost.p, salt.toString("base64"), key.toString("base64")].join("$");
}

interface ParsedHash {
  readonly cost: ScryptCost;
  readonly salt: Buffer;
  readonly key: Buffer;
}

function parseStoredHash(stored: string): ParsedHash | null {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== SCHEME) return null;
  const [, nText = "", rText = "", pText = "", saltText = "", keyText = ""] = parts;
  const decimal = /^\d{1,8}$/;
  if (!decimal.test(nText) || !decimal.test(rText) || !decimal.test(pText)) return null;
  const cost: ScryptCost = { N: Number(nText), r: Number(rText), p: Number(pText) };
  if (!isValidCost(cost)) return null;
  const salt = Buffer.from(saltText, "base64");
  const key = Buffer.from(keyText, "base64");
  if (salt.length < 8 || key.length < 16 || key.length > 64) return null;
  return { cost, salt, key };
}

/**
 * True when `plain` matches `stored`. A malformed or foreign hash is simply
 * "no match", never an exception: a login must not reveal how a hash is stored.
 */
export async function verifyPassword(plain: string, stored: string): Promise<boolean> {
  const parsed = parseStoredHash(stored);
  if (!parsed || plain.length === 0) return false;
  const candidate = await deriveKey(plain, parsed.salt, parsed.cost, parsed.key.length);
  return timingSafeEqual(candidate, parsed.key);
}

/** True when a stored hash was made with a weaker cost than the current default (rehash on next login). */
export function passwordNeedsRehash(stored: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): boolean {
  const parsed = parseStoredHash(stored);
  if (!parsed) return true;
  return parsed.cost.N < cost.N || parsed.cost.r < cost.r || parsed.cost.p < cost.p;
}
