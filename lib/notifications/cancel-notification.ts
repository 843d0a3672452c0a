import type { Database } from "@/db/client";
import type { DeliveryChannel } from "@/db/schema";
import { recordActivities } from "@/lib/activity/record-activity";
import type { Caller } from "@/lib/auth/caller";
import { authorize, mayCancelNotification } from "@/lib/auth/policies";
import { cancelDeliveries, type DeliveryCancellation } from "@/lib/delivery/cancel-deliveries";
import type { CancelledNotificationResponse } from "./contract/responses";
import { findVisibleNotificationOrThrow, getNotificationOrThrow } from "./get-notification";

/**
 * Cancels every email, text and letter of a notification not yet handed to GOV.UK Notify, in the
 * caller's transaction; the inbox copies stay. Someone else's is a 404; then only its creating
 * client or an admin may. Asking again changes nothing and answers the same.
 */
export async function cancelNotification(
  tx: Database,
  caller: Caller,
  id: string,
): Promise<CancelledNotificationResponse> {
  await findVisibleNotificationOrThrow(tx, caller, id);
  authorize(caller, mayCancelNotification);
  const deliveries = await cancelUnsentDeliveries(tx, caller, id);
  return { ...(await getNotificationOrThrow(tx, caller, id)), cancellation: { deliveries } };
}

/**
 * Cancels what has not been sent and, when anything was, records it in the notification's activity
 * history (its audit trail); cancelDeliveries tells open inboxes and subscribers. Shared with deleting, which cancels too.
 */
export async function cancelUnsentDeliveries(
  tx: Database,
  caller: Caller,
  id: string,
  now: Date = new Date(),
): Promise<DeliveryCancellation[]> {
  const { deliveries, cancelledNow } = await cancelDeliveries(tx, id, now);
  if (cancelledNow.length === 0) return deliveries;
  await recordActivities(tx, caller, [
    {
      targetType: "notification",
      targetId: id,
      type: "update",
      createdAt: now,
      oldData: statusesByChannel(cancelledNow.map(({ channel, was }) => ({ channel, status: was }))),
      newData: statusesByChannel(cancelledNow.map(({ channel }) => ({ channel, status: "cancelled" }))),
      sourceDomain: "Notifications",
    },
  ]);
  // Open inboxes were told by cancelDeliveries (announceDeliveryStatusChanges), once.
  return deliveries;
}

/**
 * `{ emailStatus, smsStatus, letterStatus }` for the timeline (labelled in describe-change.ts), a
 * channel's statuses joined when it had several deliveries (one per person reached).
 */
function statusesByChannel(entries: { channel: DeliveryChannel; status: string }[]): Record<string, string> {
  const byChannel = new Map<DeliveryChannel, Set<string>>();
  for (const { channel, status } of entries) byChannel.set(channel, (byChannel.get(channel) ?? new Set()).add(status));
  return Object.fromEntries(
    [...byChannel].map(([channel, statuses]) => [`${channel}Status`, [...statuses].join(", ")]),
  );
}
