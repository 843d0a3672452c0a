import { createHash, randomUUID } from "node:crypto";

/**
 * The canonical form of a uuid as Python's `uuid.UUID(value)` reads it (which is what Notify's
 * schema checks use): `urn:`/`uuid:` prefixes, braces and hyphens anywhere are tolerated.
 */
export function parseUuid(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const hex = value
    .replace(/^urn:/, "")
    .replace(/^uuid:/, "")
    .replace(/^\{/, "")
    .replace(/\}$/, "")
    .replaceAll("-", "");
  if (!/^[0-9a-f]{32}$/i.test(hex)) return null;
  const lower = hex.toLowerCase();
  return `${lower.slice(0, 8)}-${lower.slice(8, 12)}-${lower.slice(12, 16)}-${lower.slice(16, 20)}-${lower.slice(20)}`;
}

export function isUuid(value: unknown): boolean {
  return parseUuid(value) !== null;
}

/** A name-based (version 5, RFC 9562) uuid, so catalogue ids never change between runs. */
export function uuidV5(name: string, namespace: string): string {
  const namespaceBytes = Buffer.from(namespace.replaceAll("-", ""), "hex");
  const hash = createHash("sha1").update(namespaceBytes).update(name, "utf8").digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  return parseUuid(hash.subarray(0, 16).toString("hex"))!;
}

export function newNotificationId(): string {
  return randomUUID();
}
