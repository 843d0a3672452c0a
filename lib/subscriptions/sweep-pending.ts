import { and, asc, eq, isNull, lte, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { subscriptionMessages } from "@/db/schema";
import { enqueueSubscriptionMessages } from "./queue";
import { deliveryJobId } from "./retry-schedule";

/**
 * How long a due message may wait for its job before the sweep queues another. A message's job is
 * normally taken within seconds; this leaves a backlog alone and catches messages stored while no
 * queue was started, or whose worker died (its lease, next_attempt_at, ran out).
 */
export const sweepGraceMs = 30_000;

/**
 * Queues pending messages that are due and have apparently no job. The job id follows from the
 * message, its attempt and its due time, so the sweep running twice, or finding a message whose job
 * is only slow, adds nothing: and a spare job finds the message claimed or sent and does nothing.
 */
export async function sweepPendingSubscriptionMessages(
  db: Database,
  { now = new Date(), limit = 1000 }: { now?: Date; limit?: number } = {},
): Promise<number> {
  const before = new Date(now.getTime() - sweepGraceMs);
  const due = await db
    .select({
      id: subscriptionMessages.id,
      attemptCount: subscriptionMessages.attemptCount,
      nextAttemptAt: subscriptionMessages.nextAttemptAt,
    })
    .from(subscriptionMessages)
    .where(
      and(
        eq(subscriptionMessages.status, "pending"),
        or(lte(subscriptionMessages.nextAttemptAt, before), isNull(subscriptionMessages.nextAttemptAt)),
      ),
    )
    .orderBy(asc(sql`coalesce(${subscriptionMessages.nextAttemptAt}, ${subscriptionMessages.createdAt})`))
    .limit(limit);
  if (due.length === 0) return 0;
  await db.transaction((tx) =>
    enqueueSubscriptionMessages(
      tx,
      due.map((message) => ({
        messageId: message.id,
        // Never claimed: its job is the publisher's, whose id is the message id, so it needs no grace.
        jobId: message.nextAttemptAt
          ? deliveryJobId(message.id, message.attemptCount + 1, message.nextAttemptAt)
          : message.id,
      })),
    ),
  );
  return due.length;
}
