import { asc, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { deliveries, deliveryStatusEvents, type DeliveryChannel } from "@/db/schema";
import { announceDeliveryStatusChanges } from "./announce-status-changes";

/** Ours, before any worker has begun handing the message to Notify: the only statuses a cancel may end. */
const cancellableStatuses: ReadonlySet<string> = new Set(["pending", "scheduled"]);

export type DeliveryCancellation = {
  deliveryId: string;
  channel: DeliveryChannel;
  status: string;
  /** `cancelled`: it will never be sent (by this request or an earlier one); `notCancellable`: too late. */
  outcome: "cancelled" | "notCancellable";
  reason: string | null;
};

/**
 * Cancels every delivery of a notification that no worker has begun handing to GOV.UK Notify, in
 * the caller's transaction. The rows are locked (FOR UPDATE, in id order so two cancels cannot
 * deadlock) exactly as the worker's claim locks them (send-delivery.ts claimForSending): whichever
 * commits first wins, and a delivery is either cancelled and never sent, or sent and reported here as
 * not cancellable. A second cancel finds them cancelled already and changes nothing.
 */
export async function cancelDeliveries(
  tx: Database,
  notificationId: string,
  now: Date = new Date(),
): Promise<{ deliveries: DeliveryCancellation[]; cancelledNow: { channel: DeliveryChannel; was: string }[] }> {
  const rows = await tx
    .select({
      id: deliveries.id,
      channel: deliveries.channel,
      status: deliveries.status,
      notifyId: deliveries.notifyId,
    })
    .from(deliveries)
    .where(eq(deliveries.notificationId, notificationId))
    .orderBy(asc(deliveries.id))
    .for("update");
  const cancelling = rows.filter((row) => cancellableStatuses.has(row.status) && !row.notifyId);
  const toCancel = cancelling.map((row) => row.id);
  if (toCancel.length > 0) {
    await tx.update(deliveries).set({ status: "cancelled", completedAt: now }).where(inArray(deliveries.id, toCancel));
    const detail = "cancelled before it was handed to GOV.UK Notify";
    const events = await tx
      .insert(deliveryStatusEvents)
      .values(
        toCancel.map((deliveryId) => ({
          deliveryId,
          status: "cancelled",
          at: now,
          source: "request" as const,
          detail,
        })),
      )
      .returning({ id: deliveryStatusEvents.id, deliveryId: deliveryStatusEvents.deliveryId });
    await announceDeliveryStatusChanges(
      tx,
      events.map((event) => ({
        statusEventId: event.id,
        deliveryId: event.deliveryId,
        status: "cancelled",
        at: now,
        error: detail,
      })),
    );
  }
  const cancelled = new Set(toCancel);
  return {
    cancelledNow: cancelling.map((row) => ({ channel: row.channel, was: row.status })),
    deliveries: rows.map((row) => {
      const status = cancelled.has(row.id) ? "cancelled" : row.status;
      const outcome = status === "cancelled" ? "cancelled" : "notCancellable";
      return {
        deliveryId: row.id,
        channel: row.channel,
        status,
        outcome,
        reason: outcome === "cancelled" ? null : notCancellableReason(row.status, row.notifyId),
      };
    }),
  };
}

function notCancellableReason(status: string, notifyId: string | null): string {
  if (notifyId || status === "sending") return "Already handed to GOV.UK Notify";
  return `Already finished (${status})`;
}
