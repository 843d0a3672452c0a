import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { processSingleton } from "@/lib/runtime/process-singleton";

// The process's Prometheus instruments, in one registry. A process singleton: Next.js loads route
// handlers and instrumentation.ts (where workers run) as separate module graphs, and a registry per
// graph would split one process's counts in two.

const prefix = "notification_centre_";

function createInstruments() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix });
  const registers = [registry];
  return {
    registry,
    httpRequestDuration: new Histogram({
      name: `${prefix}http_request_duration_seconds`,
      help: "API requests by method, route template and status: their count is the request rate",
      labelNames: ["method", "route", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    scheduledStepRuns: new Counter({
      name: `${prefix}scheduled_step_runs_total`,
      help: "Runs of each piece of scheduled work (rule sweeps, purges, digests) in this process, by outcome",
      labelNames: ["step", "outcome"] as const,
      registers,
    }),
    scheduledStepDuration: new Histogram({
      name: `${prefix}scheduled_step_duration_seconds`,
      help: "How long each piece of scheduled work took in this process",
      labelNames: ["step"] as const,
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 30, 60],
      registers,
    }),
    openStreams: new Gauge({
      name: `${prefix}open_streams`,
      help: "Server-sent event streams open in this process",
      registers,
    }),
    recentDeliveries: new Gauge({
      name: `${prefix}recent_deliveries`,
      help: "Deliveries created in the last 24 hours, by channel and current status (from the database)",
      labelNames: ["channel", "status"] as const,
      registers,
    }),
    queueJobs: new Gauge({
      name: `${prefix}queue_jobs`,
      help: "Live jobs in each pg-boss queue: ready to run, deferred to a later time, or active (from the database)",
      labelNames: ["queue", "state"] as const,
      registers,
    }),
    queueOldestReadyAge: new Gauge({
      name: `${prefix}queue_oldest_ready_job_age_seconds`,
      help: "How long the oldest job ready to run has waited for a worker, 0 with none (from the database)",
      labelNames: ["queue"] as const,
      registers,
    }),
    notifySendsLastMinute: new Gauge({
      name: `${prefix}notify_sends_last_minute`,
      help: "Requests sent to each GOV.UK Notify service in the last 60 seconds, as the dispatcher counted them",
      labelNames: ["service"] as const,
      registers,
    }),
    notifyRateLimit: new Gauge({
      name: `${prefix}notify_rate_limit_per_minute`,
      help: "Each GOV.UK Notify service's rate limit per minute (NOTIFY_RATE_LIMIT_PER_MINUTE)",
      labelNames: ["service"] as const,
      registers,
    }),
    openActionItems: new Gauge({
      name: `${prefix}open_action_items`,
      help: "Items waiting for an action, by the team (or kind of recipient) they were sent to (from the database)",
      labelNames: ["team"] as const,
      registers,
    }),
    oldestOpenActionItemAge: new Gauge({
      name: `${prefix}oldest_open_action_item_age_seconds`,
      help: "Age of the oldest item waiting for an action, by team (from the database)",
      labelNames: ["team"] as const,
      registers,
    }),
    ruleSteps: new Gauge({
      name: `${prefix}rule_steps_last_7_days`,
      help: "Escalations and reminders the rules took in the last 7 days (from the database)",
      labelNames: ["step"] as const,
      registers,
    }),
  };
}

export type OperationsInstruments = ReturnType<typeof createInstruments>;

const instruments = processSingleton("operations-metrics", createInstruments);

/** The process's instruments, created on first use. */
export function operationsMetrics(): OperationsInstruments {
  return instruments.get();
}
