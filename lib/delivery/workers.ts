import type { JobResult } from "pg-boss";
import { logger } from "@/lib/logging/logger";
import { getSettings } from "@/lib/config/settings";
import { deliverySendQueue, getDeliveryQueue, startedDeliveryQueue, type DeliverySendJob } from "./queue";
import { createSendRateLimiter, type NotifyRateLimit } from "./rate-limiter";
import { startSubscriptionDeliveryWorkers } from "@/lib/subscriptions/deliver-workers";
import { sendDelivery } from "./send-delivery";

export type StartDeliveryWorkersOptions = {
  /** Notify's limit for a service; NOTIFY_RATE_LIMIT_PER_MINUTE per 60 s unless given. */
  rateLimitFor?: (serviceKey: string) => NotifyRateLimit;
  /** How often (seconds) an idle worker looks for due jobs: retries and scheduled sends. */
  pollingIntervalSeconds?: number;
};

/**
 * Starts this process's send workers on the delivery queue, and the subscription deliveries' workers (starting the queue if needed): batches
 * of jobs claimed with SKIP LOCKED, each job settled on its own, so one failure retries only itself.
 * The status poll and the sweep of unqueued deliveries run on a schedule (lib/jobs). Stop the
 * workers with stopDeliveryQueue().
 */
export async function startDeliveryWorkers(options: StartDeliveryWorkersOptions = {}): Promise<void> {
  const boss = await getDeliveryQueue();
  const { handle } = startedDeliveryQueue()!;
  const db = handle.db;
  const config = getSettings().delivery;
  const limiter = createSendRateLimiter(db, {
    limitFor: options.rateLimitFor ?? (() => ({ requests: getSettings().delivery.rateLimitPerMinute, perSeconds: 60 })),
  });
  const batchSize = Math.max(1, Math.ceil(config.concurrency / 2));

  const workOptions = {
    batchSize,
    localConcurrency: 2,
    perJobResults: true,
    includeMetadata: true,
    burstWhenBatchFull: true,
    pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
    // NOTIFY wakes workers for new jobs, but not for retries and scheduled sends coming due.
    notifyPollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
  } as const;
  await boss.work<DeliverySendJob, JobResult[], typeof workOptions>(deliverySendQueue, workOptions, async (jobs) =>
    Promise.all(
      jobs.map(async (job): Promise<JobResult> => {
        try {
          await sendDelivery(db, job.data.deliveryId, { limiter, finalAttempt: job.retryCount >= job.retryLimit });
          return { id: job.id, status: "completed" };
        } catch (error) {
          logger.warn(
            { err: error, deliveryId: job.data.deliveryId, retryCount: job.retryCount },
            "delivery send failed",
          );
          return {
            id: job.id,
            status: "failed",
            output: { message: error instanceof Error ? error.message : String(error) },
          };
        }
      }),
    ),
  );
  // Subscriptions' webhooks and emails (issue 13) are delivered wherever Notify sends are.
  await startSubscriptionDeliveryWorkers({ pollingIntervalSeconds: options.pollingIntervalSeconds });
}
