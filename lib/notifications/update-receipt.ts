import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { notificationReceipts } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { assertPerson } from "@/lib/auth/policies";
import { recordNotificationEvent } from "@/lib/realtime/record-event";
import { findVisibleNotificationOrThrow, getNotificationOrThrow } from "./get-notification";
import type { NotificationResponse } from "./contract/responses";
import type { UpdateReceiptBody } from "./contract/item-requests";

/**
 * Changes the caller's own copy of a notification: read or unread, archived or not. This is a
 * person tidying their inbox, not an action on the notification, so it writes no audit row and
 * colleagues' copies are untouched.
 */
export async function updateReceipt(
  tx: Database,
  caller: Caller,
  id: string,
  body: UpdateReceiptBody,
): Promise<NotificationResponse> {
  assertPerson(caller, "Only people have an inbox; a service cannot mark items read or archived");
  await findVisibleNotificationOrThrow(tx, caller, id);
  const now = new Date();
  const changes: Partial<typeof notificationReceipts.$inferInsert> = {};
  if (body.read !== undefined) changes.readAt = body.read ? now : null;
  if (body.archived !== undefined) changes.archivedAt = body.archived ? now : null;
  await tx
    .update(notificationReceipts)
    .set(changes)
    .where(
      and(
        eq(notificationReceipts.notificationId, id),
        eq(notificationReceipts.userId, caller.id),
        isNull(notificationReceipts.deletedAt),
      ),
    );
  await recordNotificationEvent(tx, { type: "notification.updated", notificationId: id, userId: caller.id });
  return getNotificationOrThrow(tx, caller, id);
}
