import { and, desc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { deliveries, notifications, type Delivery, type DeliveryChannel, type LetterAddress } from "@/db/schema";
import { afterPosition, positionAt, readPaginationToken, toPage } from "@/lib/api/pagination";
import { maskAddress, maskEmail, maskPhone } from "./mask";

export type OutboxItem = {
  id: string;
  notificationId: string;
  channel: DeliveryChannel;
  status: string;
  serviceKey: string;
  templateId: string;
  recipient: string;
  notifyId: string | null;
  error: string | null;
  createdAt: Date;
  sentAt: Date | null;
  completedAt: Date | null;
  /** The failed delivery this one resends (lib/delivery/resend-delivery.ts), if it is a resend. */
  resentFromDeliveryId: string | null;
};

export type OutboxPage = { items: OutboxItem[]; nextToken: string | null };

type RecipientColumns = { email: string | null; mobileNumber: string | null; address: LetterAddress | null };

/** The masked recipient of one delivery, from its notification's contact details. */
function maskedRecipient(channel: DeliveryChannel, notification: RecipientColumns): string {
  if (channel === "email") return notification.email ? maskEmail(notification.email) : "Looked up at send time";
  if (channel === "sms")
    return notification.mobileNumber ? maskPhone(notification.mobileNumber) : "Looked up at send time";
  return notification.address ? maskAddress(notification.address.lines) : "No address";
}

/** One delivery as the outbox shows it, its recipient masked. */
export function toOutboxItem(delivery: Delivery, contact: RecipientColumns): OutboxItem {
  return {
    id: delivery.id,
    notificationId: delivery.notificationId,
    channel: delivery.channel,
    status: delivery.status,
    serviceKey: delivery.serviceKey,
    templateId: delivery.templateId,
    recipient: maskedRecipient(delivery.channel, contact),
    notifyId: delivery.notifyId,
    error: delivery.error,
    createdAt: delivery.createdAt,
    sentAt: delivery.sentAt,
    completedAt: delivery.completedAt,
    resentFromDeliveryId: delivery.resentFromDeliveryId,
  };
}

/**
 * Deliveries newest first, optionally of one status and channel, keyset paged on
 * (created_at, id) so a page stays stable while new messages arrive. The position keeps the
 * timestamp as Postgres prints it: a JavaScript Date would drop the microseconds and skip rows.
 */
export async function listOutbox(
  db: Database,
  options: { status?: string; channel?: DeliveryChannel; after?: string; pageSize?: number },
): Promise<OutboxPage> {
  const pageSize = options.pageSize ?? 25;
  const after = readPaginationToken(options.after);
  const rows = await db
    .select({
      delivery: deliveries,
      email: notifications.email,
      mobileNumber: notifications.mobileNumber,
      address: notifications.address,
      at: positionAt(deliveries.createdAt),
    })
    .from(deliveries)
    .innerJoin(notifications, eq(notifications.id, deliveries.notificationId))
    .where(
      and(
        options.status ? eq(deliveries.status, options.status) : undefined,
        options.channel ? eq(deliveries.channel, options.channel) : undefined,
        afterPosition({ at: deliveries.createdAt, id: deliveries.id }, after),
      ),
    )
    .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
    .limit(pageSize + 1);
  const page = toPage(
    rows,
    pageSize,
    (row) => ({ at: row.at, id: row.delivery.id }),
    ({ delivery, ...contact }) => toOutboxItem(delivery, contact),
  );
  return { items: page.results, nextToken: page.paginationDetails.nextToken };
}
