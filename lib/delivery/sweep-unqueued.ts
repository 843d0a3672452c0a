import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { deliveries, notifications } from "@/db/schema";
import { enqueueDeliverySends } from "./queue";

/**
 * Queues deliveries that were never tried, e.g. created by a process that had not started the queue.
 * Harmless for ones already queued: the job id is the delivery id, so a second job is never made.
 */
export async function sweepUnqueuedDeliveries(
  db: Database,
  { limit = 1000 }: { limit?: number } = {},
): Promise<number> {
  const untried = await db
    .select({ id: deliveries.id, sendAt: notifications.sendAt })
    .from(deliveries)
    .innerJoin(notifications, eq(notifications.id, deliveries.notificationId))
    .where(
      and(
        inArray(deliveries.status, ["pending", "scheduled"]),
        isNull(deliveries.notifyId),
        eq(deliveries.attempts, 0),
      ),
    )
    .orderBy(asc(deliveries.createdAt))
    .limit(limit);
  if (untried.length === 0) return 0;
  await db.transaction((tx) => enqueueDeliverySends(tx, untried));
  return untried.length;
}
