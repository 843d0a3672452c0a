import { and, asc, eq, gt, isNotNull, isNull, lt, notInArray, or, sql, type SQL } from "drizzle-orm";
import { logger } from "@/lib/logging/logger";
import type { Database } from "@/db/client";
import { deliveries } from "@/db/schema";
import { NotifyError } from "@/lib/notify/client";
import { notifyClientFor } from "@/lib/notify/service-registry";
import { recordDeliveryStatus } from "./record-status";
import { finalDeliveryStatuses } from "./statuses";

export type PollOptions = { olderThanMinutes: number; letterFirstPollMinutes?: number; limit?: number; now?: Date };

const interval = (minutes: number) => sql`${`${minutes * 60} seconds`}::interval`;

// Notify sends no callback for letters, and a new letter sits in pending-virus-check, so waiting
// `olderThanMinutes` (10) to ask left it unknown for that long. A letter is first asked about after
// `letterFirstPollMinutes`, then waits as long again as it had waited at its last ask (1, 2, 4, 8, 16 …
// minutes after sending), never more than `olderThanMinutes` between asks. The wait is computed from
// the row itself (no schedule column), so the poll stays one statement over deliveries_awaiting_status_idx.
function statusCheckDue(now: Date, olderThanMinutes: number, letterFirstPollMinutes: number): SQL {
  const cutoff = new Date(now.getTime() - olderThanMinutes * 60_000);
  const at = sql`${now.toISOString()}::timestamptz`;
  const lastHeard = sql`coalesce(${deliveries.callbackReceivedAt}, ${deliveries.lastAttemptAt}, ${deliveries.createdAt})`;
  const firstWait = interval(Math.min(letterFirstPollMinutes, olderThanMinutes));
  const letterDue = and(
    eq(deliveries.channel, "letter"),
    or(
      and(isNull(deliveries.statusCheckedAt), sql`${lastHeard} < ${at} - ${firstWait}`),
      sql`${deliveries.statusCheckedAt} < ${at} - least(${interval(olderThanMinutes)}, greatest(${firstWait}, ${deliveries.statusCheckedAt} - ${lastHeard}))`,
    ),
  );
  const otherDue = and(
    sql`${lastHeard} < ${cutoff.toISOString()}::timestamptz`,
    or(isNull(deliveries.statusCheckedAt), lt(deliveries.statusCheckedAt, cutoff)),
  );
  return or(letterDue, otherDue)!;
}

const notifyRetentionMs = 7 * 24 * 60 * 60 * 1000;

/**
 * Asks Notify for the status of messages it holds that are still not final and got no callback for
 * `olderThanMinutes` (sent that long ago, and not asked about since; letters sooner, see
 * statusCheckDue), and records what changed. Returns how many deliveries changed status.
 */
export async function pollDeliveryStatuses(
  db: Database,
  { olderThanMinutes, letterFirstPollMinutes = 1, limit = 200, now = new Date() }: PollOptions,
): Promise<number> {
  const due = await db
    .select({ id: deliveries.id, notifyId: deliveries.notifyId, serviceKey: deliveries.serviceKey })
    .from(deliveries)
    .where(
      and(
        isNotNull(deliveries.notifyId),
        isNull(deliveries.completedAt),
        notInArray(deliveries.status, [...finalDeliveryStatuses]),
        statusCheckDue(now, olderThanMinutes, letterFirstPollMinutes),
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
