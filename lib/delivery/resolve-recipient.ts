import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users, type Delivery, type Notification } from "@/db/schema";

export type Recipient =
  | { channel: "email"; emailAddress: string }
  | { channel: "sms"; phoneNumber: string }
  | { channel: "letter"; addressLines: string[] };

/**
 * Where this delivery goes, looked up now rather than when it was created: a person named on the
 * delivery gets their current email or mobile number; otherwise the notification's own details.
 * Null when there is nowhere to send it.
 */
export async function resolveRecipient(
  db: Database,
  delivery: Delivery,
  notification: Notification,
): Promise<Recipient | null> {
  const person = delivery.userId
    ? (
        await db
          .select({ email: users.email, mobileNumber: users.mobileNumber })
          .from(users)
          .where(eq(users.id, delivery.userId))
      )[0]
    : undefined;
  switch (delivery.channel) {
    case "email": {
      const emailAddress = person?.email ?? notification.email;
      return emailAddress ? { channel: "email", emailAddress } : null;
    }
    case "sms": {
      const phoneNumber = person?.mobileNumber ?? notification.mobileNumber;
      return phoneNumber ? { channel: "sms", phoneNumber } : null;
    }
    case "letter": {
      const addressLines = notification.address?.lines.filter((line) => line.trim() !== "") ?? [];
      return addressLines.length > 0 ? { channel: "letter", addressLines } : null;
    }
  }
}
