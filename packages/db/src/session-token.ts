// Session tokens: 32 random bytes, base64url, given to the browser once (in the
// cookie); the database keeps only their SHA-256, so a leaked table signs nobody in.
import { createHash, randomBytes } from "node:crypto";

const TOKEN_BYTES = 32;

export interface NewSessionToken {
  /** For the cookie only; never stored. */
  readonly token: string;
  readonly tokenHash: string;
}

/** The stored form of a token: hex SHA-256. */
export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function newSessionToken(): NewSessionToken {
  const token = randomBytes(TOKEN_BYTES).toString("base64url");
  return { token, tokenHash: hashSessionToken(token) };
}
