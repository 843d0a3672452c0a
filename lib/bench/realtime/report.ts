import { formatNumber, markdownTable, type Cell } from "../support/markdown";
import type { DirectDelivery, Distribution, TeamDelivery } from "./measure-delivery";

export const targets = { p95Ms: 250, memoryGrowthMb: 100 };

export type RealtimeReport = {
  startedAt: Date;
  runSeconds: number;
  setup: { people: number; existingNotifications: number; connections: number; loadSeconds: number };
  me: Distribution;
  direct: DirectDelivery;
  team: TeamDelivery;
  memory: { beforeMb: number; openMb: number; closedMb: number; dropped: number };
};

const met = (ok: boolean) => (ok ? "yes" : "**no**");

/** The summary as markdown: the same text goes to stdout and to bench-results/realtime.md. */
export function formatRealtimeReport(report: RealtimeReport): string {
  const { direct, team, me, memory, setup } = report;
  const baseline = direct.post;
  const row = (label: string, distribution: Distribution, target?: number): Cell[] => [
    label,
    formatNumber(distribution.samples),
    formatNumber(distribution.p50Ms, 1),
    formatNumber(distribution.p95Ms, 1),
    formatNumber(distribution.maxMs, 1),
    `${formatNumber(distribution.p50Ms / baseline.p50Ms, 2)}×`,
    `${formatNumber(distribution.p95Ms / baseline.p95Ms, 2)}×`,
    target === undefined ? "" : `p95 < ${target} ms`,
    target === undefined ? "" : met(distribution.p95Ms < target),
  ];
  const growth = memory.openMb - memory.beforeMb;
  return [
    `# Realtime benchmark (${report.startedAt.toISOString()})`,
    "",
    `Data: ${formatNumber(setup.people)} people, ${formatNumber(setup.existingNotifications)} existing notifications, all people in one team; ` +
      `loaded in ${formatNumber(setup.loadSeconds, 1)} s. ${formatNumber(setup.connections)} SSE connections, one per person (session cookies), ` +
      `held open by this process on the same machine as the app (next start, PostgreSQL, one listener). Node ${process.version}.`,
    "",
    "## Delivery latency",
    "",
    markdownTable(
      ["measure", "samples", "p50 ms", "p95 ms", "max ms", "p50 × POST", "p95 × POST", "target", "met"],
      [
        row("POST /api/v1/notifications round trip (baseline)", baseline),
        row("GET /api/v1/me round trip, sequential (baseline)", me),
        row("event after the POST response, one person", direct.afterResponse, targets.p95Ms),
        row("event after sending the POST, one person", direct.afterSend),
        row(
          `event after the POST response, team of ${formatNumber(team.members)} (each stream)`,
          team.afterResponse,
          targets.p95Ms,
        ),
        row(`last of ${formatNumber(team.members)} streams after the POST response`, team.lastArrival),
      ],
    ),
    "",
    `One-person POSTs were sent open-loop at ${direct.ratePerSecond}/s to the open streams' people; ` +
      `${formatNumber(direct.beforeResponse)} events reached their stream before their own POST response did (counted as 0 ms). ` +
      `Missed events: ${direct.missed} (one person), ${team.missed} (team, over ${team.runs} notifications). Failed POSTs: ${direct.failedPosts}.`,
    "",
    "## Server memory (next-server VmRSS)",
    "",
    markdownTable(
      ["state", "RSS MB", "growth MB", "per connection KB", "target", "met"],
      [
        ["warmed up, no streams", formatNumber(memory.beforeMb, 1), "", "", "", ""],
        [
          `${formatNumber(setup.connections)} streams open`,
          formatNumber(memory.openMb, 1),
          formatNumber(growth, 1),
          formatNumber((growth * 1024) / setup.connections, 1),
          `< ${targets.memoryGrowthMb} MB`,
          met(growth < targets.memoryGrowthMb),
        ],
        [
          "after the deliveries and closing every stream",
          formatNumber(memory.closedMb, 1),
          formatNumber(memory.closedMb - memory.beforeMb, 1),
          "",
          "",
          "",
        ],
      ],
    ),
    "",
    `Streams that ended before the bench closed them: ${memory.dropped}. RSS includes whatever the garbage collector has not yet returned.`,
    "",
    `Whole run: ${formatNumber(report.runSeconds)} s.`,
  ].join("\n");
}
