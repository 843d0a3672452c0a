import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { deliveries, deliveryStatusEvents, notifications, type Delivery } from "@/db/schema";
import { recordActivities } from "@/lib/activity/record-activity";
import { ApiError } from "@/lib/api/errors";
import { actorOf } from "@/lib/auth/actor";
import type { Caller } from "@/lib/auth/caller";
import { authorize, mayResendDelivery } from "@/lib/auth/policies";
import { enqueueDeliverySends } from "./queue";

/** Failures that sending the same message again may well get past: the phone was off, Notify or our tries failed. */
const transientFailures: ReadonlySet<string> = new Set(["temporary-failure", "technical-failure", "failed"]);
/**
 * Failures about the recipient (no such address, Notify refused the request): sent to the same fixed
 * address they fail again, so they are resent only when the recipient is a person looked up at send
 * time, whose details an admin may have corrected since.
 */
const recipientFailures: ReadonlySet<string> = new Set(["permanent-failure", "rejected"]);
// Never resent: `validation-failed` and `virus-scan-failed` (the same letter fails the same checks),
// `cancelled` (someone chose not to send it), and everything not failed.

type ResendFacts = Pick<Delivery, "status" | "userId" | "redactedAt">;

/**
 * Why this delivery cannot be resent, in words for the admin, or null when it can. The one rule,
 * for the outbox page's offer and for resendDelivery alike.
 */
export function whyNotResendable(delivery: ResendFacts, notification: { deletedAt: Date | null }): string | null {
  if (notification.deletedAt) return "Its notification has been deleted";
  if (delivery.redactedAt) return "Its personal details have been redacted, so there is nothing left to send";
  if (transientFailures.has(delivery.status)) return null;
  if (recipientFailures.has(delivery.status))
    return delivery.userId
      ? null
      : "It went to an address fixed on the notification, which would fail the same way again: send a new notification";
  if (delivery.status === "cancelled") return "It was cancelled on purpose: send a new notification instead";
  if (delivery.status === "validation-failed" || delivery.status === "virus-scan-failed")
    return "The same letter would fail GOV.UK Notify's checks again";
  return "Only failed messages can be resent";
}

export type ResendResult = { delivery: Delivery; resentNow: boolean };

/**
 * Sends a failed delivery again as a new delivery linked to it (`resentFromDeliveryId`); the failed
 * one stays exactly as it was. In one transaction: the original is locked, the new delivery and its
 * first status event stored, its send job queued (the same queue and worker as any delivery), and
 * the resend recorded in the notification's activity history (who and when). A delivery is resent
 * at most once: asking again, by a double click or a second admin, answers the resend already made
 * (`resentNow: false`) and sends nothing; the unique index on `resent_from_delivery_id` holds that
 * even without the lock. Someone else's or an unknown id is not_found; a delivery that may not be
 * resent is a conflict saying why.
 */
export async function resendDelivery(db: Database, caller: Caller, deliveryId: string): Promise<ResendResult> {
  authorize(caller, mayResendDelivery);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ delivery: deliveries, notificationDeletedAt: notifications.deletedAt })
      .from(deliveries)
      .innerJoin(notifications, eq(notifications.id, deliveries.notificationId))
      .where(eq(deliveries.id, deliveryId))
      .for("update", { of: deliveries });
    if (!row) throw new ApiError("not_found", "No delivery with this id");
    const original = row.delivery;
    const [earlier] = await tx.select().from(deliveries).where(eq(deliveries.resentFromDeliveryId, original.id));
    if (earlier) return { delivery: earlier, resentNow: false };
    const refusal = whyNotResendable(original, { deletedAt: row.notificationDeletedAt });
    if (refusal) throw new ApiError("conflict", `This message cannot be resent: ${refusal}`);

    const now = new Date();
    const [resent] = await tx
      .insert(deliveries)
      .values({
        notificationId: original.notificationId,
        channel: original.channel,
        serviceKey: original.serviceKey,
        templateId: original.templateId,
        personalisation: original.personalisation,
        userId: original.userId,
        preferenceCopy: original.preferenceCopy,
        // An email's attached file goes again; a letter's PDF is built afresh, to the address as it is now.
        documentId: original.channel === "email" ? original.documentId : null,
        resentFromDeliveryId: original.id,
        createdAt: now,
      })
      .returning();
    const { name } = actorOf(caller);
    await tx.insert(deliveryStatusEvents).values({
      deliveryId: resent!.id,
      status: "pending",
      at: now,
      source: "request",
      detail: `resend of ${original.id} (${original.status}), asked by ${name}`,
    });
    await enqueueDeliverySends(tx, [{ id: resent!.id }]);
    await recordActivities(tx, caller, [
      {
        targetType: "notification",
        targetId: original.notificationId,
        type: "update",
        createdAt: now,
        oldData: { [`${original.channel}Status`]: original.status },
        newData: { [`${original.channel}Status`]: "resent", resendOf: original.id, resentAs: resent!.id },
        sourceDomain: "Notifications",
      },
    ]);
    return { delivery: resent!, resentNow: true };
  });
}
