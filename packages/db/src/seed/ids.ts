// Deterministic ids for seeded rows: a name-based uuid (RFC 4122 version 5:
// SHA-1 of namespace + name), so that seeding twice — or on two machines —
// gives the same ids, and references between rows can be computed before
// anything is written.
import { createHash } from "node:crypto";

/** The namespace of the demo company's ids (itself a random v4 uuid, fixed forever). */
export const DEMO_ID_NAMESPACE = "6c3f7e2a-52d4-4f0b-9a39-8f1d0f2b5e71";

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** uuid v5 of `name` in `namespace`, in lower-case canonical form. */
export function uuidV5(name: string, namespace: string = DEMO_ID_NAMESPACE): string {
  if (!UUID_PATTERN.test(namespace)) throw new RangeError(`namespace is not a uuid: ${namespace}`);
  const namespaceBytes = Buffer.from(namespace.replace(/-/g, ""), "hex");
  const hash = createHash("sha1").update(namespaceBytes).update(name, "utf8").digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The id of a seeded entity: one namespace, names like "OrgUnit:GZ". */
export function demoId(entity: string, code: string): string {
  return uuidV5(`${entity}:${code}`);
}
