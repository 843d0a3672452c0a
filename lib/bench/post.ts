// npm run bench:post – what one POST /api/v1/notifications costs against the bare route (issue 14:
// target ≥ 0.5×), on PostgreSQL and PGlite, fresh databases, in one production build and run; and
// every statement one create sends (PostgreSQL, postgres.js's debug hook), so a cut shows as a count.
// A benchmark, not a test: it reports figures and never fails on a missed target.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { benchAppEnvironment } from "./support/app-environment";
import { ensureProductionBuild } from "./support/app-build";
import { startAppServer } from "./support/app-server";
import { runLoadTest, type LoadTestResult } from "./support/load-test";
import { formatNumber, markdownTable } from "./support/markdown";
import { benchServerUrl, recreateDatabase } from "./support/postgres-server";
import { randomItem } from "./support/random";
import { dropBenchDatabases, publishReport, runBench } from "./support/run-bench";
import { benchTeamKey, seedPostBenchData, type PostBenchData } from "./post/bench-data";
import { countStatements, type CountedRequest } from "./post/count-statements";

const settings = {
  database: "nc_bench_post",
  demoApiKey: "nck_bench-post-key-00000000000000000000",
  authSecret: "bench-post-auth-secret-0123456789abcdef",
  port: 3210,
  // As issue 14's figures were taken.
  load: { connections: 16, durationSeconds: Number(process.env.BENCH_POST_SECONDS ?? 10), warmupSeconds: 3 },
};

type Run = { driver: string; results: LoadTestResult[]; loadAverage: string };

const createBody = (recipient: object) => JSON.stringify({ notificationType: "Screen", message: "bench", recipient });

async function measure(driver: string, env: Record<string, string>, data: PostBenchData): Promise<Run> {
  const server = await startAppServer({ port: settings.port, env });
  const bearer = { authorization: `Bearer ${settings.demoApiKey}` };
  const post = { ...bearer, "content-type": "application/json" };
  const base = { baseUrl: server.baseUrl, ...settings.load };
  try {
    const results: LoadTestResult[] = [];
    // One after another, so they do not compete for the machine's cores.
    results.push(await runLoadTest({ ...base, name: "GET /api/v1/health/live (bare)", path: "/api/v1/health/live" }));
    results.push(await runLoadTest({ ...base, name: "GET /api/v1/me (API key)", path: "/api/v1/me", headers: bearer }));
    results.push(
      await runLoadTest({
        ...base,
        name: "POST /api/v1/notifications (one person)",
        path: "/api/v1/notifications",
        method: "POST",
        headers: post,
        vary: (request) => ({ ...request, body: createBody({ userId: randomItem(data.personIds) }) }),
      }),
    );
    results.push(
      await runLoadTest({
        ...base,
        name: "POST /api/v1/notifications (team of 5)",
        path: "/api/v1/notifications",
        method: "POST",
        headers: post,
        vary: (request) => ({ ...request, body: createBody({ team: benchTeamKey }) }),
      }),
    );
    return {
      driver,
      results,
      loadAverage: os
        .loadavg()
        .map((value) => value.toFixed(2))
        .join(", "),
    };
  } finally {
    await server.stop();
  }
}

/** Migrates and seeds a fresh bench database, then closes it so the app under test can open it. */
async function preparedBenchData(handle: DatabaseHandle): Promise<PostBenchData> {
  try {
    await migrateDatabase(handle);
    return await seedPostBenchData(handle.db, settings.demoApiKey);
  } finally {
    await handle.close();
  }
}

async function onPostgres(): Promise<{ run: Run; counted: CountedRequest[] }> {
  const url = await recreateDatabase(benchServerUrl(), settings.database);
  const data = await preparedBenchData(await openDatabase({ driver: "postgres", url }));
  const request = (recipient: object) => () =>
    new Request("http://bench/api/v1/notifications", {
      method: "POST",
      headers: { authorization: `Bearer ${settings.demoApiKey}`, "content-type": "application/json" },
      body: createBody(recipient),
    });
  const counted = await countStatements(url, [
    { name: "one person", request: request({ userId: data.personIds[0] }) },
    { name: "team of 5", request: request({ team: benchTeamKey }) },
  ]);
  const run = await measure("PostgreSQL", benchAppEnvironment(url, settings.authSecret), data);
  return { run, counted };
}

async function onPglite(): Promise<Run> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "nc-bench-post-"));
  try {
    // The app opens DATA_DIR/pglite; prepared here first, as one process may hold it at a time.
    const data = await preparedBenchData(
      await openDatabase({ driver: "pglite", dataDir: path.join(dataDir, "pglite") }),
    );
    const { DATABASE_URL: _postgres, ...env } = benchAppEnvironment("", settings.authSecret);
    return await measure("PGlite", { ...env, DATA_DIR: dataDir }, data);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function formatRun(run: Run): string {
  const bare = run.results[0]!.requestsPerSecond;
  const rows = run.results.map((result) => [
    result.name,
    formatNumber(result.requestsPerSecond),
    `${formatNumber(result.requestsPerSecond / bare, 2)}×`,
    result.p50Ms,
    result.p99Ms,
    result.non2xx + result.errors,
  ]);
  return [
    `### ${run.driver} (load average after: ${run.loadAverage})`,
    "",
    markdownTable(["request", "req/s", "÷ bare", "p50 ms", "p99 ms", "non-2xx + errors"], rows),
  ].join("\n");
}

function formatCounted(counted: CountedRequest[]): string {
  return counted
    .map(({ name, status, statements, roundTrips }) =>
      [
        `### Statements per create, ${name} (HTTP ${status}): ${statements.length} in ${roundTrips} round trips`,
        "",
        ...statements.map((statement, index) => `${index + 1}. \`${statement.slice(0, 160)}\``),
      ].join("\n"),
    )
    .join("\n\n");
}

async function main(): Promise<void> {
  const startedAt = new Date();
  ensureProductionBuild();
  const runs: Run[] = [];
  let counted: CountedRequest[] = [];
  try {
    if (process.env.BENCH_POST_SKIP_POSTGRES !== "1") {
      const postgres = await onPostgres();
      runs.push(postgres.run);
      counted = postgres.counted;
    }
    if (process.env.BENCH_POST_SKIP_PGLITE !== "1") runs.push(await onPglite());
  } finally {
    await dropBenchDatabases(benchServerUrl(), [settings.database]);
  }
  publishReport(
    "post",
    [
      `## POST /api/v1/notifications against the bare route (${startedAt.toISOString()})`,
      "",
      `autocannon, ${settings.load.connections} connections, ${settings.load.durationSeconds} s after ${settings.load.warmupSeconds} s warm-up; fresh databases. Target (issue 14): POST ≥ 0.5× bare.`,
      "",
      ...runs.map(formatRun).flatMap((table) => [table, ""]),
      formatCounted(counted),
    ].join("\n"),
  );
}

runBench("post", main);
