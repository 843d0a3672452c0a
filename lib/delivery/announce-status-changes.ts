import { eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { deliveries, notifications } from "@/db/schema";
import { recordNotificationEvents } from "@/lib/realtime/record-event";
import { deliveryUpdatedEvent } from "@/lib/subscriptions/notification-events";
import { publishEvents, type PublishedEvent } from "@/lib/subscriptions/publish";
import { failureReason } from "./failure-reasons";

/** One recorded status change: its delivery_status_events row and what it said. */
export type RecordedStatusChange = {
  statusEventId: number;
  deliveryId: string;
  status: string;
  at: Date;
  /** Our own words for a failure (a rejection, a give-up); Notify's meaning of the status otherwise. */
  error?: string | null;
};

/**
 * Tells the rest of the world that deliveries changed status, in the transaction that changed them:
 * the notification's live inboxes (notification.updated, so an officer sees "Text: permanent
 * failure" without reloading) and subscribers to delivery.updated (issue 13). One read of the
 * deliveries and their notifications for the lot. A person's own preference copy is their own
 * business, not one of the notification's deliveries (it shows in the outbox only): not announced.
 */
export async function announceDeliveryStatusChanges(tx: Database, changes: RecordedStatusChange[]): Promise<void> {
  if (changes.length === 0) return;
  const rows = await tx
    .select({
      deliveryId: deliveries.id,
      channel: deliveries.channel,
      notifyId: deliveries.notifyId,
      error: deliveries.error,
      preferenceCopy: deliveries.preferenceCopy,
      notification: {
        id: notifications.id,
        notificationType: notifications.notificationType,
        category: notifications.category,
        targetType: notifications.targetType,
        targetId: notifications.targetId,
        serviceKey: notifications.serviceKey,
        createdByClientId: notifications.createdByClientId,
      },
    })
    .from(deliveries)
    .innerJoin(notifications, eq(notifications.id, deliveries.notificationId))
    .where(
      inArray(
        deliveries.id,
        changes.map((change) => change.deliveryId),
      ),
    );
  const byId = new Map(rows.filter((row) => !row.preferenceCopy).map((row) => [row.deliveryId, row]));
  const announced = changes.flatMap((change) => {
    const row = byId.get(change.deliveryId);
    return row ? [{ change, row }] : [];
  });
  const notificationIds = [...new Set(announced.map(({ row }) => row.notification.id))];
  await recordNotificationEvents(
    tx,
    notificationIds.map((notificationId) => ({ type: "notification.updated", notificationId })),
  );
  await publishEvents(
    tx,
    announced.flatMap(({ change, row }): PublishedEvent[] => {
      const event = deliveryUpdatedEvent(row.notification, {
        statusEventId: change.statusEventId,
        deliveryId: row.deliveryId,
        channel: row.channel,
        status: change.status,
        reason: failureReason(row.channel, change.status, change.error ?? null),
        notifyId: row.notifyId,
        at: change.at,
      });
      return event ? [event] : [];
    }),
  );
}
