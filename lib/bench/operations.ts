// npm run bench:operations – what the operations dashboard (/admin, getOperationsSnapshot) and a
// Prometheus scrape (GET /metrics) cost, and whether that stays flat as the tables grow (issue 15).
// On PostgreSQL (a fresh database) and PGlite, at three stages of one growing data set:
//   small – SMALL notifications/deliveries/jobs spread over the last 30 days;
//   large – the same plus LARGE − SMALL more spread over the 365 days before (history: the same
//           windows, a table LARGE/SMALL times the size) – the dashboard should cost the same;
//   busy  – the same plus LARGE − SMALL more within the last 30 days (the windows themselves hold
//           ~LARGE/SMALL times the rows) – in-process only, to show what the cost does follow.
// Each figure against a baseline from the same run: the calls against a bare `select 1` through the
// same handle, GET /metrics against the bare route GET /api/v1/health/live of the same build.
// A benchmark, not a test: it reports figures and never fails on a missed target.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { getDeliveryQueue, setDeliveryQueueTarget, stopDeliveryQueue } from "@/lib/delivery/queue";
import { benchQueue, insertStretch, prepareOperationsData, type Stretch } from "./operations/data";
import { analysedPlansOf, type PlanSummary } from "./operations/explain";
import {
  dashboard,
  describeData,
  measureCalls,
  refreshStatistics,
  type CallFigures,
  type DataFacts,
} from "./operations/measure";
import { ensureProductionBuild } from "./support/app-build";
import { benchAppEnvironment } from "./support/app-environment";
import { startAppServer } from "./support/app-server";
import { runLoadTest, type LoadTestResult } from "./support/load-test";
import { formatNumber, markdownTable } from "./support/markdown";
import { benchServerUrl, recreateDatabase } from "./support/postgres-server";
import { progress } from "./support/progress";
import { dropBenchDatabases, publishReport, runBench } from "./support/run-bench";

const whole = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const settings = {
  database: "nc_bench_operations",
  authSecret: "bench-operations-auth-secret-0123456789",
  metricsToken: "bench-operations-metrics-token-0123456789abcdef",
  port: 3215,
  small: whole("BENCH_OPERATIONS_SMALL", 10_000),
  large: whole("BENCH_OPERATIONS_LARGE", 200_000),
  rounds: whole("BENCH_OPERATIONS_ROUNDS", 40),
  busy: process.env.BENCH_OPERATIONS_BUSY !== "0",
  load: {
    durationSeconds: whole("BENCH_OPERATIONS_SECONDS", 5),
    warmupSeconds: whole("BENCH_OPERATIONS_WARMUP_SECONDS", 2),
    connections: whole("BENCH_OPERATIONS_CONNECTIONS", 16),
  },
};

type Http = {
  bareOne: LoadTestResult;
  metricsOne: LoadTestResult;
  bareMany: LoadTestResult;
  metricsMany: LoadTestResult;
};
type Stage = { name: string; facts: DataFacts; calls: CallFigures; http?: Http; plans?: PlanSummary[] };
type Run = { driver: string; stages: Stage[]; loadAverage: string };

const stretches = {
  small: (): Stretch => ({ label: "small: last 30 days", count: settings.small, newestDaysAgo: 0, oldestDaysAgo: 30 }),
  history: (): Stretch => ({
    label: "large: history 30–395 days ago",
    count: settings.large - settings.small,
    newestDaysAgo: 30,
    oldestDaysAgo: 395,
  }),
  busy: (): Stretch => ({
    label: "busy: more within the last 30 days",
    count: settings.large - settings.small,
    newestDaysAgo: 0,
    oldestDaysAgo: 30,
  }),
};

const loadAverage = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(", ");

/** pg-boss installs its schema and the bench's queue; stopped again so only the app under test runs it. */
async function installQueue(handle: DatabaseHandle, connectionString?: string): Promise<void> {
  await setDeliveryQueueTarget({ handle, connectionString });
  const boss = await getDeliveryQueue();
  await boss.createQueue(benchQueue, { deleteAfterSeconds: 7 * 24 * 3600 });
  await setDeliveryQueueTarget(undefined);
}

async function loadStage(handle: DatabaseHandle, stretch: Stretch): Promise<DataFacts> {
  const started = performance.now();
  await insertStretch(handle.db, stretch);
  await refreshStatistics(handle.db);
  const facts = await describeData(handle.db);
  progress(`${stretch.label}: loaded and analysed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return facts;
}

/** GET /metrics against the bare route: one connection (a scraper's latency) and many (throughput). */
async function measureHttp(env: Record<string, string>): Promise<Http> {
  const server = await startAppServer({
    port: settings.port,
    env: { ...env, METRICS_TOKEN: settings.metricsToken, WORKERS_IN_APP: "false" },
  });
  const base = { baseUrl: server.baseUrl, ...settings.load };
  const bare = { ...base, path: "/api/v1/health/live" };
  const metrics = { ...base, path: "/metrics", headers: { authorization: `Bearer ${settings.metricsToken}` } };
  try {
    return {
      bareOne: await runLoadTest({ ...bare, name: "GET /api/v1/health/live, 1 connection", connections: 1 }),
      metricsOne: await runLoadTest({ ...metrics, name: "GET /metrics, 1 connection", connections: 1 }),
      bareMany: await runLoadTest({ ...bare, name: `GET /api/v1/health/live, ${base.connections} connections` }),
      metricsMany: await runLoadTest({ ...metrics, name: `GET /metrics, ${base.connections} connections` }),
    };
  } finally {
    await server.stop();
  }
}

async function measureCallsNamed(name: string, handle: DatabaseHandle): Promise<CallFigures> {
  progress(`${name}: measuring the snapshot and the scrape in process`);
  const calls = await measureCalls(handle.db, settings.rounds);
  progress(
    `${name}: select 1 ${calls.bareMs.toFixed(3)} ms, snapshot ${calls.snapshotMs.toFixed(2)} ms, scrape ${calls.scrapeMs.toFixed(2)} ms`,
  );
  return calls;
}

async function onPostgres(): Promise<Run> {
  const url = await recreateDatabase(benchServerUrl(), settings.database);
  const handle = await openDatabase({ driver: "postgres", url, maxConnections: 2 });
  const env = benchAppEnvironment(url, settings.authSecret);
  const stages: Stage[] = [];
  try {
    await migrateDatabase(handle);
    await installQueue(handle, url);
    await prepareOperationsData(handle.db);
    for (const [name, stretch] of [
      ["small", stretches.small()],
      ["large", stretches.history()],
      ...(settings.busy ? [["busy", stretches.busy()] as const] : []),
    ] as const) {
      const facts = await loadStage(handle, stretch);
      const calls = await measureCallsNamed(`PostgreSQL ${name}`, handle);
      const http = name === "busy" ? undefined : await measureHttp(env);
      const plans = name === "small" ? undefined : await analysedPlansOf(url, dashboard);
      stages.push({ name, facts, calls, http, plans });
    }
    return { driver: "PostgreSQL", stages, loadAverage: loadAverage() };
  } finally {
    await handle.close();
  }
}

async function onPglite(): Promise<Run> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "nc-bench-operations-"));
  // The app opens DATA_DIR/pglite; one process may hold it at a time, so the bench closes it first.
  const open = () => openDatabase({ driver: "pglite", dataDir: path.join(dataDir, "pglite") });
  const { DATABASE_URL: _postgres, ...env } = benchAppEnvironment("", settings.authSecret);
  const stages: Stage[] = [];
  try {
    let handle = await open();
    try {
      await migrateDatabase(handle);
      await installQueue(handle);
      await prepareOperationsData(handle.db);
    } finally {
      await handle.close();
    }
    for (const [name, stretch] of [
      ["small", stretches.small()],
      ["large", stretches.history()],
      ...(settings.busy ? [["busy", stretches.busy()] as const] : []),
    ] as const) {
      handle = await open();
      let facts: DataFacts;
      let calls: CallFigures;
      try {
        facts = await loadStage(handle, stretch);
        calls = await measureCallsNamed(`PGlite ${name}`, handle);
      } finally {
        await handle.close();
      }
      const http = name === "busy" ? undefined : await measureHttp({ ...env, DATA_DIR: dataDir });
      stages.push({ name, facts, calls, http });
    }
    return { driver: "PGlite", stages, loadAverage: loadAverage() };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const ms = (value: number, decimals = 2) => formatNumber(value, decimals);
const times = (value: number, decimals = 2) => `${formatNumber(value, decimals)}×`;

function formatRun(run: Run): string {
  const [small] = run.stages;
  const dataRows = run.stages.map((stage) => [
    stage.name,
    formatNumber(stage.facts.deliveries),
    formatNumber(stage.facts.window),
    formatNumber(stage.facts.lastDay),
    formatNumber(stage.facts.openItems),
    formatNumber(stage.facts.liveJobs),
  ]);
  const callRows = run.stages.map((stage) => [
    stage.name,
    ms(stage.calls.bareMs, 3),
    ms(stage.calls.snapshotMs),
    times(stage.calls.snapshotMs / stage.calls.bareMs, 0),
    times(stage.calls.snapshotMs / small!.calls.snapshotMs),
    ms(stage.calls.scrapeMs),
    times(stage.calls.scrapeMs / stage.calls.bareMs, 0),
    times(stage.calls.scrapeMs / small!.calls.scrapeMs),
  ]);
  const withHttp = run.stages.filter((stage) => stage.http);
  const httpRows = withHttp.flatMap((stage) => {
    const http = stage.http!;
    const smallHttp = small!.http!;
    const slowdown = (h: Http) => h.metricsOne.p50Ms / Math.max(h.bareOne.p50Ms, 1);
    const row = (label: string, result: LoadTestResult, ratio = "1.00×", growth = "") => [
      `${stage.name}: ${label}`,
      formatNumber(result.requestsPerSecond),
      result.p50Ms,
      result.p99Ms,
      ratio,
      growth,
      result.non2xx + result.errors,
    ];
    // /metrics against the bare route of the same stage, and that ratio against the small stage's.
    const versusBare = (metrics: "metricsOne" | "metricsMany", bare: "bareOne" | "bareMany") => {
      const ratio = (h: Http) => h[metrics].requestsPerSecond / h[bare].requestsPerSecond;
      return [times(ratio(http)), times(ratio(http) / ratio(smallHttp))] as const;
    };
    const [oneRatio, oneGrowth] = versusBare("metricsOne", "bareOne");
    const [manyRatio, manyGrowth] = versusBare("metricsMany", "bareMany");
    const conns = `${settings.load.connections} conns`;
    return [
      row("bare route, 1 conn", http.bareOne),
      row(
        "/metrics, 1 conn",
        http.metricsOne,
        oneRatio,
        `${oneGrowth} (p50 ÷ bare ${formatNumber(slowdown(http), 1)})`,
      ),
      row(`bare route, ${conns}`, http.bareMany),
      row(`/metrics, ${conns}`, http.metricsMany, manyRatio, manyGrowth),
    ];
  });
  const planBlocks = run.stages
    .filter((stage) => stage.plans)
    .map((stage) =>
      [
        `#### EXPLAIN (ANALYZE, BUFFERS) of each dashboard query, ${stage.name} (${formatNumber(stage.facts.deliveries)} deliveries)`,
        "",
        markdownTable(
          ["query", "ms", "rows", "buffers", "plan nodes"],
          stage.plans!.map((plan) => [
            `\`${plan.query}\``,
            ms(plan.executionMs, 3),
            plan.rows,
            plan.buffers,
            plan.nodes.join(" → "),
          ]),
          ["left", "right", "right", "left", "left"],
        ),
      ].join("\n"),
    );
  return [
    `### ${run.driver} (load average after: ${run.loadAverage})`,
    "",
    markdownTable(["stage", "deliveries", "≈ last 14 days", "last day", "open action items", "live jobs"], dataRows),
    "",
    markdownTable(
      [
        "stage",
        "select 1 p50 ms",
        "snapshot p50 ms",
        "÷ select 1",
        "÷ small",
        "scrape() p50 ms",
        "÷ select 1",
        "÷ small",
      ],
      callRows,
    ),
    "",
    markdownTable(
      ["HTTP", "req/s", "p50 ms", "p99 ms", "req/s ÷ bare", "(÷ bare) large ÷ small", "non-2xx + errors"],
      httpRows,
    ),
    ...planBlocks.flatMap((block) => ["", block]),
  ].join("\n");
}

async function main(): Promise<void> {
  const startedAt = new Date();
  process.env.LOG_LEVEL ??= "silent";
  ensureProductionBuild();
  const runs: Run[] = [];
  try {
    if (process.env.BENCH_OPERATIONS_SKIP_POSTGRES !== "1") runs.push(await onPostgres());
    if (process.env.BENCH_OPERATIONS_SKIP_PGLITE !== "1") runs.push(await onPglite());
  } finally {
    await stopDeliveryQueue({ timeoutMs: 1000 });
    await dropBenchDatabases(benchServerUrl(), [settings.database]);
  }
  publishReport(
    "operations",
    [
      `## Operations dashboard and /metrics as the tables grow (${startedAt.toISOString()})`,
      "",
      `small: ${formatNumber(settings.small)} notifications, deliveries and pg-boss jobs over the last 30 days; ` +
        `large: plus ${formatNumber(settings.large - settings.small)} of each 30–395 days ago (same windows, bigger tables); ` +
        `busy: plus ${formatNumber(settings.large - settings.small)} more within the last 30 days (the windows themselves grow; in process only). ` +
        `Calls: median of ${settings.rounds} in-process calls each, taking turns with \`select 1\` through the same handle. ` +
        `HTTP: autocannon, ${settings.load.durationSeconds} s after ${settings.load.warmupSeconds} s warm-up, against GET /api/v1/health/live in the same build. ` +
        `Flat means the large ÷ small columns stay near 1×.`,
      "",
      ...runs.map(formatRun).flatMap((table) => [table, ""]),
    ].join("\n"),
  );
}

runBench("operations", main);
