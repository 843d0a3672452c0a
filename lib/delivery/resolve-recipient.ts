import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users, type Delivery, type Notification } from "@/db/schema";
import type { LinkReader } from "@/lib/notifications/follow-on-link";

/** Where a message goes; `reader` says whose follow-on link it carries (a resident's own, see follow-on-link.ts). */
export type Recipient = (
  | { channel: "email"; emailAddress: string }
  | { channel: "sms"; phoneNumber: string }
  | { channel: "letter"; addressLines: string[] }
) & { reader?: LinkReader };

/**
 * Where this delivery goes, looked up now rather than when it was created: a person named on the
 * delivery (a notification addressed to them by id, or their own preference copy) gets their
 * current email address, mobile number or postal address from the directory; otherwise the
 * notification's own details. Null when there is nowhere to send it, including a person disabled
 * or erased since.
 */
export async function resolveRecipient(
  db: Database,
  delivery: Delivery,
  notification: Notification,
): Promise<Recipient | null> {
  if (delivery.userId) return resolvePerson(db, delivery.userId, delivery.channel);
  switch (delivery.channel) {
    case "email":
      return notification.email ? { channel: "email", emailAddress: notification.email } : null;
    case "sms":
      return notification.mobileNumber ? { channel: "sms", phoneNumber: notification.mobileNumber } : null;
    case "letter": {
      const addressLines = notification.address?.lines.filter((line) => line.trim() !== "") ?? [];
      return addressLines.length > 0 ? { channel: "letter", addressLines } : null;
    }
  }
}

async function resolvePerson(db: Database, userId: string, channel: Delivery["channel"]): Promise<Recipient | null> {
  const [person] = await db
    .select({
      email: users.email,
      mobileNumber: users.mobileNumber,
      addressLines: users.addressLines,
      postcode: users.postcode,
      disabledAt: users.disabledAt,
      erasedAt: users.erasedAt,
      kind: users.kind,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!person || person.disabledAt || person.erasedAt) return null;
  const reader: LinkReader = person.kind === "resident" ? "resident" : "staff";
  switch (channel) {
    case "email":
      return person.email ? { channel: "email", emailAddress: person.email, reader } : null;
    case "sms":
      return person.mobileNumber ? { channel: "sms", phoneNumber: person.mobileNumber, reader } : null;
    case "letter": {
      const lines = person.addressLines.filter((line) => line.trim() !== "");
      return lines.length > 0 && person.postcode
        ? { channel: "letter", addressLines: [...lines, person.postcode], reader }
        : null;
    }
  }
}
