import { createHash, randomBytes } from "node:crypto";

const KEY_PREFIX = "nck_";

/** A new API key: 256 random bits. Only the hash is ever stored; the key is shown once. */
export function generateApiKey(): { key: string; keyHash: string; keyPrefix: string } {
  const key = `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { key, keyHash: hashApiKey(key), keyPrefix: displayPrefix(key) };
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** The first characters admins see in the list, enough to tell keys apart and nothing more. */
export function displayPrefix(key: string): string {
  return key.slice(0, KEY_PREFIX.length + 6);
}
