import { createHash } from "node:crypto";

// A message's event id is a uuid (subscription_messages.event_id). Most sources have one of their
// own (a notification, an action, an activity); a delivery's status change has a bigint id, so its
// event id is derived from it: the same source always gives the same uuid, so publishing stays
// idempotent when the producer runs again.

/** A name-based uuid (RFC 9562 version 5 layout, SHA-1) for a source without a uuid of its own. */
export function derivedEventId(...parts: (string | number)[]): string {
  const bytes = createHash("sha1")
    .update(`notification-centre-event:${parts.join(":")}`)
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
