import type { JobResult } from "pg-boss";
import { getSettings } from "@/lib/config/settings";
import { getDeliveryQueue, startedDeliveryQueue } from "@/lib/delivery/queue";
import { logger } from "@/lib/logging/logger";
import { deliverSubscriptionMessages, type DeliverOptions } from "./deliver-message";
import { subscriptionDeliveryQueue, type SubscriptionDeliveryJob } from "./queue";

export type StartSubscriptionWorkersOptions = DeliverOptions & {
  /** How often (seconds) an idle worker looks for due retries. */
  pollingIntervalSeconds?: number;
  /** Jobs fetched at once, claimed and recorded together and sent concurrently (POSTs wait on receivers, not on us). */
  batchSize?: number;
};

/**
 * Works this process's `subscription-deliver` queue (starting the queue if needed): each job one
 * try at one message, each fetched batch delivered together (deliverSubscriptionMessages). A job
 * never fails for pg-boss to retry: the message's own schedule does that, so only an unexpected
 * error (the database gone) fails the batch's jobs, and the sweep finds their messages again.
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
    async (jobs) => {
      try {
        await deliverSubscriptionMessages(
          db,
          jobs.map((job) => job.data),
          deliver,
        );
        return jobs.map((job): JobResult => ({ id: job.id, status: "completed" }));
      } catch (error) {
        logger.warn({ err: error, messages: jobs.length }, "subscription delivery batch failed");
        const output = { message: error instanceof Error ? error.message : String(error) };
        return jobs.map((job): JobResult => ({ id: job.id, status: "failed", output }));
      }
    },
  );
}
