import type { JobResult } from "pg-boss";
import { purgeExpiredActivities } from "@/lib/activity/purge-expired";
import { logger } from "@/lib/logging/logger";
import { purgeOldNotificationEvents } from "@/lib/realtime/purge-events";
import { getSettings } from "@/lib/config/settings";
import { pollDeliveryStatuses } from "./poll-statuses";
import {
  deliveryPollQueue,
  deliverySendQueue,
  getDeliveryQueue,
  startedDeliveryQueue,
  type DeliverySendJob,
} from "./queue";
import { createSendRateLimiter, purgeOldRateWindows, type NotifyRateLimit, type SendRateLimiter } from "./rate-limiter";
import { sendDelivery } from "./send-delivery";
import { sweepUnqueuedDeliveries } from "./sweep-unqueued";

export type StartDeliveryWorkersOptions = {
  /** Notify's limit for a service; NOTIFY_RATE_LIMIT_PER_MINUTE per 60 s unless given. */
  rateLimitFor?: (serviceKey: string) => NotifyRateLimit;
  /** How often (seconds) an idle worker looks for due jobs: retries and scheduled sends. */
  pollingIntervalSeconds?: number;
  /** Run the status poll and sweep on a schedule (every minute); off leaves them to the caller. */
  schedulePoll?: boolean;
};

export type DeliveryWorkers = { limiter: SendRateLimiter; runMaintenance(): Promise<void> };

/**
 * Starts this process's send workers on the delivery queue (starting the queue if needed): batches
 * of jobs claimed with SKIP LOCKED, each job settled on its own, so one failure retries only itself.
 * Also schedules the minute job that polls statuses, queues deliveries that were never queued and
 * purges old rate windows, expired activities and old notification events. Stop them with stopDeliveryQueue().
 */
export async function startDeliveryWorkers(options: StartDeliveryWorkersOptions = {}): Promise<DeliveryWorkers> {
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

  // The other domains' housekeeping rides on the same once-a-minute schedule: pg-boss runs it
  // on one worker at a time across every process, rather than on a timer in each replica. Each
  // step runs whatever the others do, so Notify being down never stops the purges.
  const maintenanceSteps: [string, () => Promise<unknown>][] = [
    ["sweep unqueued deliveries", () => sweepUnqueuedDeliveries(db)],
    [
      "poll delivery statuses",
      () => pollDeliveryStatuses(db, { olderThanMinutes: getSettings().delivery.pollAfterMinutes }),
    ],
    ["purge rate windows", () => purgeOldRateWindows(db)],
    ["purge expired activities", () => purgeExpiredActivities(db)],
    ["purge notification events", () => purgeOldNotificationEvents(db)],
  ];
  const runMaintenance = async () => {
    for (const [name, step] of maintenanceSteps) {
      await step().catch((error: unknown) => logger.warn({ err: error }, `maintenance: ${name} failed`));
    }
  };
  if (options.schedulePoll ?? true) {
    await boss.work(deliveryPollQueue, { pollingIntervalSeconds: 10 }, async () => runMaintenance());
    await boss.schedule(deliveryPollQueue, "* * * * *");
    await sweepUnqueuedDeliveries(db);
  }
  return { limiter, runMaintenance };
}
