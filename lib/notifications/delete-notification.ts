import { and, eq, isNotNull, isNull, or } from "drizzle-orm";
import type { Database } from "@/db/client";
import { notificationReceipts, notifications } from "@/db/schema";
import { recordActivities } from "@/lib/activity/record-activity";
import { ApiError } from "@/lib/api/errors";
import type { Caller } from "@/lib/auth/caller";
import { authorize, mayDeleteNotification } from "@/lib/auth/policies";
import { recordNotificationEvent } from "@/lib/realtime/record-event";
import { cancelUnsentDeliveries } from "./cancel-notification";
import { findVisibleNotificationOrThrow } from "./get-notification";

/**
 * Soft-deletes a notification for everyone: it leaves every inbox, the audit trail stays. Someone
 * else's is a 404 first; then only its creating client or an admin may (mayDeleteNotification).
 * Refused while it still needs an action, so nothing that needs doing can be swept away. Its emails,
 * texts and letters not yet handed to GOV.UK Notify are cancelled in the same transaction.
 */
export async function deleteNotification(tx: Database, caller: Caller, id: string): Promise<void> {
  await findVisibleNotificationOrThrow(tx, caller, id);
  authorize(caller, mayDeleteNotification);
  const now = new Date();
  const [deleted] = await tx
    .update(notifications)
    .set({ deletedAt: now })
    .where(
      and(
        eq(notifications.id, id),
        isNull(notifications.deletedAt),
        or(eq(notifications.requireAction, false), isNotNull(notifications.performedActionType)),
      ),
    )
    .returning({ id: notifications.id });
  if (!deleted) {
    throw new ApiError(
      "conflict",
      "This notification needs an action before it can be deleted: record Approved, Rejected, Validate or Initiated first",
    );
  }
  await tx.update(notificationReceipts).set({ deletedAt: now }).where(eq(notificationReceipts.notificationId, id));
  // A deleted notification sends nothing more: what has not reached Notify is cancelled with it.
  await cancelUnsentDeliveries(tx, caller, id, now);
  await recordNotificationEvent(tx, { type: "notification.updated", notificationId: id });
  await recordActivities(tx, caller, [
    {
      targetType: "notification",
      targetId: id,
      type: "delete",
      createdAt: now,
      oldData: { isRemoved: false },
      newData: { isRemoved: true },
      sourceDomain: "Notifications",
    },
  ]);
}
