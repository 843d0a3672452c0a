import type { Database } from "@/db/client";
import type { SubscriptionAttemptTrigger } from "@/db/schema";
import { insertJobsInTransaction, subscriptionDeliveryQueueName } from "@/lib/delivery/queue";

/** The pg-boss queue of subscription deliveries (webhook POSTs and emails), beside the Notify sends. */
export const subscriptionDeliveryQueue = subscriptionDeliveryQueueName;

/** One try at delivering one message: the message's row says what, to whom and how far it has got. */
export type SubscriptionDeliveryJob = { messageId: string; trigger: SubscriptionAttemptTrigger };

export type QueuedMessage = {
  messageId: string;
  trigger?: SubscriptionAttemptTrigger;
  /** A retry waits for its slot in the schedule; absent: now. */
  startAfter?: Date | null;
  /** Distinguishes a retry's job from the first one's; the first try's job id is the message id. */
  jobId?: string;
};

/**
 * Queues deliveries of stored messages inside the transaction that stored them (the publisher, a
 * retry, a replay), so a job exists exactly when its message does and a rollback leaves neither.
 * Retries come from the message's own schedule (lib/subscriptions), so pg-boss does not retry: a
 * job that dies with its worker is taken again when its time limit passes. When this process has
 * not started the queue nothing is inserted and the delivery workers' sweep queues pending
 * messages on start.
 */
export async function enqueueSubscriptionMessages(tx: Database, messages: QueuedMessage[]): Promise<boolean> {
  return insertJobsInTransaction(
    tx,
    subscriptionDeliveryQueue,
    messages.map((message) => ({
      id: message.jobId ?? message.messageId,
      data: { messageId: message.messageId, trigger: message.trigger ?? "scheduled" } satisfies SubscriptionDeliveryJob,
      retryLimit: 0,
      // Standard Webhooks: a receiver has 15 s; the job's limit leaves room for DNS and the attempt's record.
      expireInSeconds: 60,
      startAfter: message.startAfter && message.startAfter.getTime() > Date.now() ? message.startAfter : undefined,
    })),
  );
}
