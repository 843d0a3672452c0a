import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { deliveries, notifications } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { afterPosition, positionAt, readPaginationToken, toPage, type Page } from "@/lib/api/pagination";
import type { Caller } from "@/lib/auth/caller";
import { deliveriesFor } from "@/lib/notifications/get-notification";
import { findVisibleNotification } from "@/lib/notifications/visibility";
import type { ListSmsQuery, SmsResponse } from "./contract";
import { toSmsResponse } from "./to-sms-response";

// The SMS API reads back exactly what the notifications API would show the same caller
// (mayReadNotification): a client service the texts it sent, a person the texts sent to them.

/**
 * Which texts the caller may read: a client's own, or those a person holds a receipt for. A
 * person who sent a text (from the browser) reads it as the notifications API would: if it reached them.
 */
function visibleTo(caller: Caller) {
  return caller.kind === "client"
    ? eq(notifications.createdByClientId, caller.id)
    : sql`exists (select 1 from notification_receipts r
        where r.notification_id = ${notifications.id} and r.user_id = ${caller.id} and r.deleted_at is null)`;
}

/** GET /api/v1/sms: the caller's texts, newest first, optionally to one person, keyset-paged. */
export async function listSms(db: Database, caller: Caller, query: ListSmsQuery): Promise<Page<SmsResponse>> {
  const after = readPaginationToken(query.paginationToken);
  const rows = await db
    .select({ notification: notifications, delivery: deliveries, at: positionAt(notifications.createdAt) })
    .from(notifications)
    .leftJoin(
      deliveries,
      and(
        eq(deliveries.notificationId, notifications.id),
        eq(deliveries.channel, "sms"),
        eq(deliveries.preferenceCopy, false),
      ),
    )
    .where(
      and(
        eq(notifications.freeTextSms, true),
        isNull(notifications.deletedAt),
        visibleTo(caller),
        query.personId ? eq(notifications.recipientPersonId, query.personId) : undefined,
        query.userId ? eq(notifications.recipientUserId, query.userId) : undefined,
        afterPosition({ at: notifications.createdAt, id: notifications.id }, after),
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(query.pageSize + 1);
  return toPage(
    rows,
    query.pageSize,
    (row) => ({ at: row.at, id: row.notification.id }),
    ({ notification, delivery }) =>
      toSmsResponse({
        id: notification.id,
        userId: notification.recipientUserId,
        personId: notification.recipientPersonId,
        message: notification.message,
        sendAt: notification.sendAt,
        createdAt: notification.createdAt,
        delivery: delivery ?? undefined,
      }),
  );
}

/** GET /api/v1/sms/{id}: a text the caller may read; anything else, a notification that is not a text included, is a 404. */
export async function getSmsOrThrow(db: Database, caller: Caller, id: string): Promise<SmsResponse> {
  const visible = await findVisibleNotification(db, caller, id);
  if (!visible?.notification.freeTextSms)
    throw new ApiError("not_found", "No text message with this id is visible to you");
  const { notification } = visible;
  const [delivery] = (await deliveriesFor(db, [id])).filter((candidate) => candidate.channel === "sms");
  return toSmsResponse({
    id: notification.id,
    userId: notification.recipientUserId,
    personId: notification.recipientPersonId,
    message: notification.message,
    sendAt: notification.sendAt,
    createdAt: notification.createdAt,
    delivery,
  });
}
