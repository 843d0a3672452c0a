import type { LoadTestResult } from "../support/load-test";
import { formatNumber, markdownTable, type Cell } from "../support/markdown";
import type { FanOutResult } from "./measure-fan-out";
import type { ApiMeasurements } from "./http-scenarios";

export const targets = { listVsBaseline: 0.6, createVsBaseline: 0.5, fanOutMs: 1_000, listScaleRatio: 1.5 };

export type ApiReport = {
  startedAt: Date;
  runSeconds: number;
  setup: {
    people: number;
    notifications: number;
    smallNotifications: number;
    smallPeople: number;
    teamMembers: number;
    loadSeconds: number;
  };
  load: { connections: number; durationSeconds: number; warmupSeconds: number };
  api: ApiMeasurements;
  fanOut: FanOutResult;
  scale: { small: LoadTestResult; large: LoadTestResult };
};

const met = (ok: boolean) => (ok ? "yes" : "**no**");

/** The summary as markdown: the same text goes to stdout and to bench-results/api.md. */
export function formatApiReport(report: ApiReport): string {
  const { api, fanOut, scale, setup, load } = report;
  const baselineRate = api.bare.requestsPerSecond;
  const endpointRow = (result: LoadTestResult, target?: number): Cell[] => {
    const ratio = result.requestsPerSecond / baselineRate;
    return [
      result.name,
      formatNumber(result.requestsPerSecond),
      formatNumber(result.p50Ms, 1),
      formatNumber(result.p99Ms, 1),
      formatNumber(result.non2xx + result.errors),
      `${formatNumber(ratio, 2)}×`,
      target === undefined ? "" : `≥ ${target}×`,
      target === undefined ? "" : met(ratio >= target),
    ];
  };
  const scaleRatio = scale.large.p50Ms / scale.small.p50Ms;
  const scaleRow = (label: string, result: LoadTestResult): Cell[] => [
    label,
    formatNumber(result.p50Ms, 1),
    formatNumber(result.p99Ms, 1),
    formatNumber(result.requestsPerSecond),
    formatNumber(result.averageResponseBytes),
    formatNumber(result.non2xx + result.errors),
  ];

  return [
    `# API benchmark (${report.startedAt.toISOString()})`,
    "",
    `Data: ${formatNumber(setup.people)} people, ${formatNumber(setup.notifications)} notifications with one receipt each, ` +
      `team of ${formatNumber(setup.teamMembers)}; loaded, vacuumed and analysed in ${formatNumber(setup.loadSeconds, 1)} s. ` +
      `Load: autocannon, ${load.connections} connections, ${load.durationSeconds} s per endpoint after ${load.warmupSeconds} s warm-up, ` +
      `on the same machine as the app and PostgreSQL. Node ${process.version}.`,
    "",
    "## Endpoints (large database)",
    "",
    markdownTable(
      ["endpoint", "req/s", "p50 ms", "p99 ms", "non-2xx", "× bare", "target", "met"],
      [
        endpointRow(api.bare),
        endpointRow(api.baseline),
        endpointRow(api.mePerson),
        endpointRow(api.list, targets.listVsBaseline),
        endpointRow(api.counts),
        endpointRow(api.create, targets.createVsBaseline),
      ],
    ),
    "",
    "Ratios are to the bare route (a constant, no auth, no query), as issue 14 measures; `GET /api/v1/me (API key)` was the baseline before and stays as a row. " +
      "non-2xx counts connection errors and timeouts too. The session row is not a target: it shows what a person's auth costs.",
    "",
    "## Fan-out (createNotification in a transaction, no HTTP)",
    "",
    markdownTable(
      ["recipient", "runs", "median ms", "max ms", "receipts", "target", "met"],
      [
        [
          `team ${fanOut.teamKey}`,
          fanOut.runs,
          formatNumber(fanOut.medianMs),
          formatNumber(fanOut.maxMs),
          formatNumber(fanOut.receipts),
          `< ${targets.fanOutMs} ms`,
          met(fanOut.medianMs < targets.fanOutMs && fanOut.maxMs < targets.fanOutMs),
        ],
      ],
    ),
    "",
    "## Inbox list at scale (same test, same page size)",
    "",
    markdownTable(
      ["notifications", "p50 ms", "p99 ms", "req/s", "bytes/response", "non-2xx"],
      [
        scaleRow(formatNumber(setup.smallNotifications), scale.small),
        scaleRow(formatNumber(setup.notifications), scale.large),
      ],
    ),
    "",
    `p50 ratio large/small: ${formatNumber(scaleRatio, 2)} (target ≤ ${targets.listScaleRatio}: ${met(scaleRatio <= targets.listScaleRatio)}). ` +
      `The small database spreads its notifications over ${formatNumber(setup.smallPeople)} people, ` +
      `${formatNumber(setup.smallNotifications / setup.smallPeople)} each, so its first pages are as full as the large one's (${formatNumber(setup.notifications / setup.people)} each).`,
    "",
    `Whole run: ${formatNumber(report.runSeconds)} s.`,
  ].join("\n");
}
