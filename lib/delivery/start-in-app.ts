import { getSettings } from "@/lib/config/settings";
import { startScheduledJobs } from "@/lib/jobs/start-scheduled-jobs";
import { logger } from "@/lib/logging/logger";
import { getNotifyMode } from "@/lib/notify/service-registry";
import { getDeliveryQueue } from "./queue";
import { startDeliveryWorkers } from "./workers";

/**
 * For the app process: starts Notify (the simulator when NOTIFY_API_KEY is unset) and the delivery
 * queue, so notifications enqueue their sends in their own transaction, and, unless
 * WORKERS_IN_APP=false, the send workers and the scheduled work (lib/jobs). On SIGTERM/SIGINT
 * lib/runtime/shut-down-on-signal.ts lets them finish the jobs in hand before the process ends.
 */
export async function startDeliveryInApp(): Promise<void> {
  const { workersInApp } = getSettings().delivery;
  const mode = await getNotifyMode();
  if (workersInApp) {
    await startDeliveryWorkers();
    await startScheduledJobs();
  } else await getDeliveryQueue();
  logger.info({ notify: mode.kind, workers: workersInApp ? "in app" : "separate" }, "delivery queue ready");
}
