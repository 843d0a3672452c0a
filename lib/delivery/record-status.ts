import { and, eq, isNull, notInArray, or } from "drizzle-orm";
import type { Database } from "@/db/client";
import { deliveries, deliveryStatusEvents, type DeliveryStatusSource } from "@/db/schema";
import { announceDeliveryStatusChanges } from "./announce-status-changes";
import { failureReason } from "./failure-reasons";
import { finalDeliveryStatuses, isFinalDeliveryStatus } from "./statuses";

export type DeliveryStatusChange = {
  status: string;
  source: DeliveryStatusSource;
  /** When the status took effect (Notify's time when it says); now unless given. */
  at?: Date;
  detail?: string | null;
  notifyId?: string;
  sentAt?: Date | null;
  completedAt?: Date | null;
  error?: string | null;
};

const stillOpen = notInArray(deliveries.status, [...finalDeliveryStatuses]);
// A delivery we gave up on may have reached Notify after all (the last try timed out after Notify
// took the message): Notify's own word about it, which carries its id, still counts.
const stillOpenOrGivenUp = or(stillOpen, and(eq(deliveries.status, "failed"), isNull(deliveries.notifyId)));

/**
 * Moves a delivery to a new status and keeps the change as an event, in one transaction. A delivery
 * that already reached a final status stays as it is (a late callback or poll cannot undo it, except
 * that Notify's word beats our `failed`), and
 * the same status twice records nothing, so callbacks and polls are idempotent. A change is announced
 * to live inboxes and subscribers in the same commit. True when it changed.
 */
export async function recordDeliveryStatus(
  db: Database,
  deliveryId: string,
  change: DeliveryStatusChange,
): Promise<boolean> {
  const at = change.at ?? new Date();
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({
        status: deliveries.status,
        notifyId: deliveries.notifyId,
        sentAt: deliveries.sentAt,
        channel: deliveries.channel,
      })
      .from(deliveries)
      .where(eq(deliveries.id, deliveryId))
      .for("update");
    if (!current) return false;
    if (current.status === change.status && (change.notifyId === undefined || change.notifyId === current.notifyId))
      return false;
    // Notify says only "permanent-failure": the inbox shows what that means for a text, an email or
    // a letter ("Text: permanent failure – The phone number does not exist …"), as subscribers hear it.
    const error =
      change.error !== undefined ? change.error : (failureReason(current.channel, change.status, null) ?? undefined);
    const [updated] = await tx
      .update(deliveries)
      .set({
        status: change.status,
        ...(change.notifyId !== undefined ? { notifyId: change.notifyId } : {}),
        ...(change.sentAt && !current.sentAt ? { sentAt: change.sentAt } : {}),
        ...(isFinalDeliveryStatus(change.status) ? { completedAt: change.completedAt ?? at } : {}),
        ...(error !== undefined ? { error } : {}),
      })
      .where(and(eq(deliveries.id, deliveryId), change.notifyId ? stillOpenOrGivenUp : stillOpen))
      .returning({ id: deliveries.id });
    if (!updated) return false;
    const [event] = await tx
      .insert(deliveryStatusEvents)
      .values({ deliveryId, status: change.status, at, source: change.source, detail: change.detail ?? null })
      .returning({ id: deliveryStatusEvents.id });
    await announceDeliveryStatusChanges(tx, [
      { statusEventId: event!.id, deliveryId, status: change.status, at, error },
    ]);
    return true;
  });
}
