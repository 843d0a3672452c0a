// Settings for the sender, from the environment. Read when used, so a test can change them.

function numberFrom(name: string, fallback: number, environment: Record<string, string | undefined>): number {
  const raw = environment[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not "${raw}"`);
  return value;
}

export type DeliveryConfig = {
  /** Requests a minute each Notify service accepts (Notify's default 3000); the dispatcher keeps under it. */
  rateLimitPerMinute: number;
  /** pg-boss retries of a send that failed with 5xx, 429 or a network error. */
  retryLimit: number;
  /** First retry delay in seconds; doubled each time with jitter, up to retryDelayMaxSeconds. */
  retryDelaySeconds: number;
  retryDelayMaxSeconds: number;
  /** How long one send may run before pg-boss hands the job to another worker. */
  jobTimeoutSeconds: number;
  /** Sends a process runs at once. */
  concurrency: number;
  /** A message Notify holds gets its status polled once this many minutes pass without a callback. */
  pollAfterMinutes: number;
  /** How often pg-boss's monitor returns jobs whose worker died to the queue. */
  superviseIntervalSeconds: number;
  /** The queue's own PostgreSQL connections in each process. */
  queueConnections: number;
  /** How often `npm run worker` looks for due jobs (retries and scheduled sends). */
  workerPollIntervalSeconds: number;
};

export function deliveryConfig(environment: Record<string, string | undefined> = process.env): DeliveryConfig {
  return {
    rateLimitPerMinute: numberFrom("NOTIFY_RATE_LIMIT_PER_MINUTE", 3000, environment),
    retryLimit: Math.floor(numberFrom("DELIVERY_RETRY_LIMIT", 10, environment)),
    retryDelaySeconds: numberFrom("DELIVERY_RETRY_DELAY_SECONDS", 5, environment),
    retryDelayMaxSeconds: numberFrom("DELIVERY_RETRY_DELAY_MAX_SECONDS", 900, environment),
    jobTimeoutSeconds: Math.ceil(numberFrom("DELIVERY_JOB_TIMEOUT_SECONDS", 60, environment)),
    concurrency: Math.floor(numberFrom("DELIVERY_WORKER_CONCURRENCY", 20, environment)),
    pollAfterMinutes: numberFrom("DELIVERY_POLL_AFTER_MINUTES", 10, environment),
    superviseIntervalSeconds: numberFrom("DELIVERY_SUPERVISE_INTERVAL_SECONDS", 60, environment),
    queueConnections: Math.floor(numberFrom("DELIVERY_QUEUE_CONNECTIONS", 5, environment)),
    workerPollIntervalSeconds: numberFrom("DELIVERY_POLL_INTERVAL_SECONDS", 2, environment),
  };
}

/** Whether this process runs send workers: on by default, WORKERS_IN_APP=false leaves them to `npm run worker`. */
export function workersInApp(environment: Record<string, string | undefined> = process.env): boolean {
  return !["false", "0"].includes(environment.WORKERS_IN_APP?.trim().toLowerCase() ?? "");
}
