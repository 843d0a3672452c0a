import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users, type Delivery, type Notification } from "@/db/schema";

export type Recipient =
  | { channel: "email"; emailAddress: string }
  | { channel: "sms"; phoneNumber: string }
  | { channel: "letter"; addressLines: string[] };

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
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!person || person.disabledAt || person.erasedAt) return null;
  switch (channel) {
    case "email":
      return person.email ? { channel: "email", emailAddress: person.email } : null;
    case "sms":
      return person.mobileNumber ? { channel: "sms", phoneNumber: person.mobileNumber } : null;
    case "letter": {
      const lines = person.addressLines.filter((line) => line.trim() !== "");
      return lines.length > 0 && person.postcode
        ? { channel: "letter", addressLines: [...lines, person.postcode] }
        : null;
    }
  }
}
