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
