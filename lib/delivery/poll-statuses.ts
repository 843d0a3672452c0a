import { and, asc, eq, gt, isNotNull, isNull, lt, notInArray, or, sql } from "drizzle-orm";
import { logger } from "@/lib/logging/logger";
import type { Database } from "@/db/client";
import { deliveries } from "@/db/schema";
import { NotifyError } from "@/lib/notify/client";
import { notifyClientFor } from "@/lib/notify/service-registry";
import { recordDeliveryStatus } from "./record-status";
import { finalDeliveryStatuses } from "./statuses";

export type PollOptions = { olderThanMinutes: number; limit?: number; now?: Date };

/**
 * Asks Notify for the status of messages it holds that are still not final and got no callback for
 * `olderThanMinutes` (sent that long ago, and not asked about since), and records what changed.
 * Returns how many deliveries changed status.
 */
const notifyRetentionMs = 7 * 24 * 60 * 60 * 1000;

export async function pollDeliveryStatuses(
  db: Database,
  { olderThanMinutes, limit = 200, now = new Date() }: PollOptions,
): Promise<number> {
  const cutoff = new Date(now.getTime() - olderThanMinutes * 60_000);
  const due = await db
    .select({ id: deliveries.id, notifyId: deliveries.notifyId, serviceKey: deliveries.serviceKey })
    .from(deliveries)
    .where(
      and(
        isNotNull(deliveries.notifyId),
        isNull(deliveries.completedAt),
        notInArray(deliveries.status, [...finalDeliveryStatuses]),
        sql`coalesce(${deliveries.callbackReceivedAt}, ${deliveries.lastAttemptAt}, ${deliveries.createdAt}) < ${cutoff.toISOString()}::timestamptz`,
        or(isNull(deliveries.statusCheckedAt), lt(deliveries.statusCheckedAt, cutoff)),
        // Notify forgets a message after 7 days; asking about older ones would 404 every minute forever.
        gt(deliveries.createdAt, new Date(now.getTime() - notifyRetentionMs)),
      ),
    )
    .orderBy(asc(deliveries.createdAt))
    .limit(limit);
  let changed = 0;
  for (const delivery of due) {
    try {
      const client = await notifyClientFor(delivery.serviceKey);
      const message = await client.getNotificationById(delivery.notifyId!);
      const moved = await recordDeliveryStatus(db, delivery.id, {
        status: message.status,
        source: "poll",
        sentAt: message.sent_at ? new Date(message.sent_at) : null,
        completedAt: message.completed_at ? new Date(message.completed_at) : null,
        at: message.completed_at ? new Date(message.completed_at) : undefined,
      });
      if (moved) changed += 1;
    } catch (error) {
      // A 404: Notify forgot the message (7 days), nothing more to learn. Anything else (Notify
      // down, the service no longer configured) is logged and this delivery waits its turn again,
      // so one failing message cannot hold up the others at the front of the queue.
      if (!(error instanceof NotifyError && error.status === 404)) {
        logger.warn({ err: error, deliveryId: delivery.id }, "status poll: could not ask GOV.UK Notify");
      }
    }
    await db.update(deliveries).set({ statusCheckedAt: now }).where(eq(deliveries.id, delivery.id));
  }
  return changed;
}
