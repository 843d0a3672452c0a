// npm run worker: a delivery worker process on its own (PostgreSQL; run any number beside the app,
// which then sets WORKERS_IN_APP=false). Sends queued deliveries through GOV.UK Notify until SIGTERM.
import { prepareDatabase } from "@/db/prepare";
import { getSettings } from "@/lib/config/settings";
import { stopDeliveryQueue } from "@/lib/delivery/queue";
import { startDeliveryWorkers } from "@/lib/delivery/workers";
import { startScheduledJobs } from "@/lib/jobs/start-scheduled-jobs";
import { logger } from "@/lib/logging/logger";
import { closeNotifyRegistry, getNotifyMode } from "@/lib/notify/service-registry";
import { tolerateClosedSocketWrites } from "@/lib/runtime/tolerate-postgres-write-race";

async function main() {
  tolerateClosedSocketWrites();
  const handle = await prepareDatabase();
  if (handle.driver !== "postgres") {
    throw new Error(
      "A separate worker needs DATABASE_URL (PostgreSQL): on the embedded database the app runs the workers itself",
    );
  }
  const mode = await getNotifyMode();
  await startDeliveryWorkers({ pollingIntervalSeconds: getSettings().delivery.workerPollIntervalSeconds });
  await startScheduledJobs();
  logger.info({ notify: mode.kind, pid: process.pid }, "delivery worker started");
  process.stdout.write("delivery worker ready\n");
  let stopping = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void stopDeliveryQueue({ timeoutMs: 15_000 })
        .then(() => closeNotifyRegistry())
        .then(() => handle.close())
        .finally(() => process.exit(0));
    });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Delivery worker cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
