import type { JobResult } from "pg-boss";
import { getSettings } from "@/lib/config/settings";
import { getDeliveryQueue, startedDeliveryQueue } from "@/lib/delivery/queue";
import { logger } from "@/lib/logging/logger";
import { deliverSubscriptionMessage, type DeliverOptions } from "./deliver-message";
import { subscriptionDeliveryQueue, type SubscriptionDeliveryJob } from "./queue";

export type StartSubscriptionWorkersOptions = DeliverOptions & {
  /** How often (seconds) an idle worker looks for due retries. */
  pollingIntervalSeconds?: number;
  /** Jobs fetched at once; each is sent concurrently (webhook POSTs wait on receivers, not on us). */
  batchSize?: number;
};

/**
 * Works this process's `subscription-deliver` queue (starting the queue if needed): each job one
 * try at one message. A job never fails for pg-boss to retry: the message's own schedule does that,
 * so only an unexpected error (the database gone) fails it, and the sweep finds the message again.
 */
export async function startSubscriptionDeliveryWorkers(options: StartSubscriptionWorkersOptions = {}): Promise<void> {
  const boss = await getDeliveryQueue();
  const { db } = startedDeliveryQueue()!.handle;
  const {
    pollingIntervalSeconds = 2,
    batchSize = Math.max(1, getSettings().delivery.concurrency),
    ...deliver
  } = options;
  const workOptions = {
    batchSize,
    localConcurrency: 2,
    perJobResults: true,
    burstWhenBatchFull: true,
    pollingIntervalSeconds,
    // NOTIFY wakes workers for new jobs, not for retries coming due.
    notifyPollingIntervalSeconds: pollingIntervalSeconds,
  } as const;
  await boss.work<SubscriptionDeliveryJob, JobResult[], typeof workOptions>(
    subscriptionDeliveryQueue,
    workOptions,
    async (jobs) =>
      Promise.all(
        jobs.map(async (job): Promise<JobResult> => {
          try {
            await deliverSubscriptionMessage(db, job.data.messageId, job.data.trigger, deliver);
            return { id: job.id, status: "completed" };
          } catch (error) {
            logger.warn({ err: error, messageId: job.data.messageId }, "subscription delivery failed");
            return {
              id: job.id,
              status: "failed",
              output: { message: error instanceof Error ? error.message : String(error) },
            };
          }
        }),
      ),
  );
}
