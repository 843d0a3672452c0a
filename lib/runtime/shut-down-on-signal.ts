import { getDatabaseHandle } from "@/db/runtime";
import { stopDeliveryQueue } from "@/lib/delivery/queue";
import { logger } from "@/lib/logging/logger";
import { closeNotifyRegistry } from "@/lib/notify/service-registry";
import { getDrain } from "./drain";

export type ShutdownTimeouts = {
  /** How long requests already in hand may take to finish. */
  requestsMs: number;
  /** How long the delivery workers may take over the jobs in hand before pg-boss gives them up. */
  jobsMs: number;
};

// Inside the 30 s most orchestrators (Kubernetes, ECS, systemd) allow between SIGTERM and SIGKILL.
const defaultTimeouts: ShutdownTimeouts = { requestsMs: 15_000, jobsMs: 10_000 };

/**
 * The app process's orderly stop: turn new requests away (503, Retry-After) and close open streams
 * with a retry hint, let the requests in hand finish, then stop the delivery workers gracefully so
 * their jobs complete or go back to the queue. Never throws.
 */
export async function shutDownGracefully(timeouts: ShutdownTimeouts = defaultTimeouts): Promise<void> {
  const drain = getDrain();
  drain.begin();
  if (!(await drain.settled(timeouts.requestsMs))) logger.warn("shutdown: requests still running at the deadline");
  await stopDeliveryQueue({ timeoutMs: timeouts.jobsMs }).catch((error: unknown) =>
    logger.error({ err: error }, "shutdown: delivery queue did not stop cleanly"),
  );
  await closeNotifyRegistry().catch(() => undefined);
}

/**
 * Runs shutDownGracefully on SIGTERM or SIGINT, then exits. `npm start` sets NEXT_MANUAL_SIG_HANDLE
 * so Next leaves these signals to us instead of exiting once its server closes, which would cut
 * the delivery workers short.
 */
export function shutDownOnSignal(): void {
  let stopping = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, "shutting down: draining requests, streams and jobs");
      void shutDownGracefully()
        .then(async () => (await getDatabaseHandle()).close())
        .catch(() => undefined)
        .finally(() => process.exit(0));
    });
  }
}
