import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";
import { enqueueSubscriptionMessages } from "./queue";
import { deliveryJobId } from "./retry-schedule";

/**
 * How long a due message may wait for its job before the sweep queues another. A message's job is
 * normally taken within seconds; this leaves a busy queue alone and catches messages stored while
 * no queue was started, whose job died with its worker before claiming, or whose claim's lease
 * (next_attempt_at) ran out because the worker died mid-send.
 */
export const sweepGraceMs = 30_000;

/**
 * Queues again pending messages overdue by more than the grace. Each is given a new due time (now)
 * and a job whose id follows from the message, its attempt and that time, in one transaction: a
 * sweep running twice, or beside another, queues a message once per overdue spell, and a spare job
 * finds the message claimed or sent and does nothing. Rows a worker is claiming are skipped.
 */
export async function sweepPendingSubscriptionMessages(
  db: Database,
  { now = new Date(), graceMs = sweepGraceMs, limit = 1000 }: { now?: Date; graceMs?: number; limit?: number } = {},
): Promise<number> {
  const before = new Date(now.getTime() - graceMs).toISOString();
  return db.transaction(async (tx) => {
    const due = rowsOf<{ id: string; attempt_count: number }>(
      await tx.execute(sql`
        update subscription_messages set next_attempt_at = ${now.toISOString()}::timestamptz
        where id in (
          select id from subscription_messages
          where status = 'pending'
            and (next_attempt_at <= ${before}::timestamptz
              or (next_attempt_at is null and created_at <= ${before}::timestamptz))
          limit ${limit}
          for update skip locked)
        returning id, attempt_count`),
    );
    if (due.length === 0) return 0;
    await enqueueSubscriptionMessages(
      tx,
      due.map((message) => ({
        messageId: message.id,
        jobId: deliveryJobId(message.id, message.attempt_count + 1, now),
      })),
    );
    return due.length;
  });
}
