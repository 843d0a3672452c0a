// Runs once when the server process starts, before it answers requests.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // First, so TRACE and other methods Next cannot represent get a 405 rather than Next's 500.
  const { refuseUnservedMethods } = await import("./lib/http/refuse-unserved-methods");
  refuseUnservedMethods();
  // Settings are checked first: a bad variable stops the server with a message naming it.
  const { prepareDatabaseOrExit } = await import("./db/prepare");
  await prepareDatabaseOrExit();
  const { logger } = await import("./lib/logging/logger");
  const { startDeliveryInApp } = await import("./lib/delivery/start-in-app");
  // With the workers come the scheduled jobs (lib/jobs: status poll, activity TTL and event purges).
  // Without the queue notifications are still stored; the scheduled sweep queues them once it runs.
  await startDeliveryInApp().catch((error: unknown) => logger.error({ err: error }, "delivery queue did not start"));
  // SIGTERM drains: requests in hand finish, streams close with a retry hint, jobs finish or are released.
  const { shutDownOnSignal } = await import("./lib/runtime/shut-down-on-signal");
  shutDownOnSignal();
}
