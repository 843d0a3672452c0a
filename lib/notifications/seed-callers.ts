import type { CreateNotificationBody } from "./contract/create-notification-body";
import type { AddressedPerson } from "./directory-recipient";

/**
 * A body addressed by the seed's `user`, once the directory has found the person: from here on it is
 * a body addressed to recipient { userId } (inbox copy, contact details at send time, caps), and
 * keeps `user` only to store and return it as the caller gave it. Any other body is unchanged.
 */
export function addressedToUser(body: CreateNotificationBody, person: AddressedPerson | null): CreateNotificationBody {
  if (body.user === undefined || !person) return body;
  return { ...body, recipient: { userId: person.userId } };
}

/**
 * A create body with its null fields left out: callers written for the seed send every field of
 * its request object, null where they have no value (its examples show "serviceKey": null), and
 * mean "not given". Anything but a plain object is left for the schema to refuse.
 */
export function withoutNullFields(body: unknown): unknown {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return body;
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== null));
}
