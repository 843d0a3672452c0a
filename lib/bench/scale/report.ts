import os from "node:os";
import { formatNumber, markdownTable, type Cell } from "../support/markdown";
import type { CrossReplicaLatency } from "./cross-replica";
import type { DrainOutcome } from "./disruptions";
import type { ScalingRun } from "./throughput";

/** A stretch of the run, in performance.now() milliseconds. */
export type Window = { from: number; to: number };

export const targets = { crossReplicaP95Ms: 250, scalingRatio: 2.5, recoveryMs: 10_000 };

export type ScaleReport = {
  startedAt: Date;
  runSeconds: number;
  setup: { people: number; existing: number; replicas: number; workers: number };
  scaling: ScalingRun[];
  crossReplica: CrossReplicaLatency;
  creates: { sent: number; accepted: number; statuses: Record<string, number> };
  reads: { sent: number; statuses: Record<string, number> };
  crash: { statuses: Record<string, number> };
  lost: number;
  deliveries: { total: number; doubled: number; missing: number; unsent: number };
  events: { expected: number; missed: number; streamsMissing: number; reconnects: number };
  databaseRestart?: {
    downSeconds: number;
    recoveryMs: number | null;
    answers: { status: number; retryAfter: string | null }[];
  };
  drain: DrainOutcome;
};

const met = (ok: boolean) => (ok ? "yes" : "**no**");
const statuses = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([status, count]) => `${status === "0" ? "no answer" : status} ×${formatNumber(count)}`)
    .join(", ");

/** The summary as markdown: the same text goes to stdout and to bench-results/scale.md. */
export function formatScaleReport(report: ScaleReport): string {
  const { scaling, crossReplica, deliveries, events, drain } = report;
  const one = scaling[0]!;
  const scalingRow = (run: ScalingRun): Cell[] => [
    formatNumber(run.replicas),
    formatNumber(run.reads.requestsPerSecond),
    `${formatNumber(run.reads.requestsPerSecond / one.reads.requestsPerSecond, 2)}×`,
    formatNumber(run.creates.requestsPerSecond),
    `${formatNumber(run.creates.requestsPerSecond / one.creates.requestsPerSecond, 2)}×`,
    formatNumber(run.reads.non2xx + run.creates.non2xx + run.reads.errors + run.creates.errors),
  ];
  const last = scaling.at(-1)!;
  const restart = report.databaseRestart;
  const restartRows: Cell[][] = restart
    ? [
        [
          "answers 503 with Retry-After while PostgreSQL restarted",
          formatNumber(restart.answers.filter((a) => a.status === 503 && Number(a.retryAfter) > 0).length),
          "",
          "",
        ],
        [
          "answers 500 in that window",
          formatNumber(restart.answers.filter((a) => a.status === 500).length),
          "0",
          met(!restart.answers.some((a) => a.status === 500)),
        ],
        [
          "other failures in that window (503 without Retry-After, other 5xx, no answer)",
          formatNumber(
            restart.answers.filter(
              (a) =>
                (a.status === 503 && !(Number(a.retryAfter) > 0)) ||
                (a.status > 500 && a.status !== 503) ||
                a.status === 0,
            ).length,
          ),
          "0",
          met(
            !restart.answers.some(
              (a) =>
                (a.status === 503 && !(Number(a.retryAfter) > 0)) ||
                (a.status > 500 && a.status !== 503) ||
                a.status === 0,
            ),
          ),
        ],
        [
          `every replica serving again after PostgreSQL was back (down ${formatNumber(restart.downSeconds, 1)} s)`,
          restart.recoveryMs === null ? "not within 60 s" : `${formatNumber(restart.recoveryMs / 1000, 1)} s`,
          "< 10 s",
          met(restart.recoveryMs !== null && restart.recoveryMs < targets.recoveryMs),
        ],
      ]
    : [["PostgreSQL restart", "skipped (BENCH_SCALE_RESTART_POSTGRES=0)", "", ""]];
  return [
    `# Scale-out benchmark (${report.startedAt.toISOString()})`,
    "",
    `${report.setup.replicas} app replicas (\`node lib/cli/start.mjs\`, WORKERS_IN_APP=false) behind a round-robin balancer in the harness, ` +
      `${report.setup.workers} \`npm run worker\` processes, one Notify simulator shared by all, PostgreSQL on the same machine. ` +
      `${formatNumber(report.setup.people)} people with ${formatNumber(report.setup.existing)} existing notifications. ` +
      `${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((value) => value.toFixed(2))
        .join(" / ")} at the end; ` +
      `run took ${formatNumber(report.runSeconds)} s. Node ${process.version}.`,
    "",
    "## Throughput by replicas",
    "",
    markdownTable(
      ["replicas", "reads/s (list + counts)", "× 1 replica", "creates/s", "× 1 replica", "non-2xx + errors"],
      scaling.map(scalingRow),
    ),
    "",
    `Target: 3 replicas ≥ ${targets.scalingRatio}× one — reads ${formatNumber(last.reads.requestsPerSecond / one.reads.requestsPerSecond, 2)}× ` +
      `(${met(last.reads.requestsPerSecond / one.reads.requestsPerSecond >= targets.scalingRatio)}), creates ` +
      `${formatNumber(last.creates.requestsPerSecond / one.creates.requestsPerSecond, 2)}× ` +
      `(${met(last.creates.requestsPerSecond / one.creates.requestsPerSecond >= targets.scalingRatio)}). ` +
      "Every replica, worker, the balancer, the load generator and PostgreSQL share the same cores, so more replicas add no CPU here.",
    "",
    "## Under mixed load: crashes, a database restart, a drain",
    "",
    `Steady load through the balancer: ${formatNumber(report.creates.sent)} creates (inbox + email; ${statuses(report.creates.statuses)}), ` +
      `${formatNumber(report.reads.sent)} list/count reads (${statuses(report.reads.statuses)}), ${formatNumber(report.setup.people)} open streams. ` +
      `While replica 2 and worker 1 were killed and restarted: ${statuses(report.crash.statuses) || "no answers"}.`,
    "",
    markdownTable(
      ["measure", "value", "target", "met"],
      [
        [
          `stream on replica 1 gets an item created through replica 3: p50 / p95 / max (${crossReplica.samples} samples)`,
          `${formatNumber(crossReplica.p50Ms)} / ${formatNumber(crossReplica.p95Ms)} / ${formatNumber(crossReplica.maxMs)} ms`,
          `p95 < ${targets.crossReplicaP95Ms} ms`,
          met(crossReplica.p95Ms < targets.crossReplicaP95Ms && crossReplica.missing === 0),
        ],
        ["accepted creates (2xx) not stored", formatNumber(report.lost), "0", met(report.lost === 0)],
        [
          `deliveries sent more than once (of ${formatNumber(deliveries.total)})`,
          formatNumber(deliveries.doubled),
          "0",
          met(deliveries.doubled === 0),
        ],
        ["deliveries missing at Notify", formatNumber(deliveries.missing), "0", met(deliveries.missing === 0)],
        [
          "deliveries still unsent 90 s after the load stopped",
          formatNumber(deliveries.unsent),
          "0",
          met(deliveries.unsent === 0),
        ],
        [
          `stream events missed after reconnecting with Last-Event-ID (of ${formatNumber(events.expected)}; ${formatNumber(events.reconnects)} reconnects)`,
          `${formatNumber(events.missed)} (${formatNumber(events.streamsMissing)} streams)`,
          "0",
          met(events.missed === 0),
        ],
        ...restartRows,
        [
          `SIGTERM: requests in flight that finished 200 (of ${drain.inFlight}; ${drain.refused} refused 503, ${drain.cut} cut)`,
          formatNumber(drain.finished),
          `${drain.inFlight} minus those refused`,
          met(drain.cut === 0),
        ],
        [
          `SIGTERM: open streams closed with a retry hint (of ${drain.streams})`,
          formatNumber(drain.hinted),
          `${drain.streams}`,
          met(drain.hinted === drain.streams),
        ],
      ],
    ),
  ].join("\n");
}
