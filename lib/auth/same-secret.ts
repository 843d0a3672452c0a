import { createHash, timingSafeEqual } from "node:crypto";

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

/**
 * Whether a presented bearer token equals the configured one, in constant time. Both are hashed
 * first, so the comparison is always of two 32-byte digests: no early exit on the first differing
 * character, and no early exit on a different length that would tell a caller the token's length.
 */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}
