/**
 * How fast notifications go in through POST /api/v1/notifications/bulk, and a 10,000-row CSV
 * through POST /api/v1/notifications/batch, on PostgreSQL and on PGlite. The baseline, measured in
 * the same run on the same PostgreSQL database: pgbench inserting single rows (one statement, one
 * commit each) into a scratch table from 2 connections for 5 s. The delivery queue is started (so
 * each email's send job is written, as in the app) but no worker runs: nothing is sent. Routes are
 * called in process with real Requests (auth, JSON, validation, the pipeline, the response), not
 * over HTTP. PGlite runs on disk in a temporary folder, as the app's embedded default does.
 * Reports figures and never asserts.
 *
 *   npm run bench:bulk
 *
 * BENCH_DATABASE_URL   a PostgreSQL server to create the bench database on
 *                      (default postgres://postgres@127.0.0.1:5432/postgres)
 * BENCH_BULK_REQUESTS  bulk requests of 1,000 per database (default 10)
 * BENCH_CSV_ROWS       rows of the CSV batch (default 10000); BENCH_CSV_RUNS runs, the median reported (default 3)
 * BENCH_KEEP=1         keep the bench database afterwards
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase, rowsOf, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { setDatabaseHandle } from "@/db/runtime";
import { getDeliveryQueue, setDeliveryQueueTarget, stopDeliveryQueue } from "@/lib/delivery/queue";
import { setNotifyServices } from "@/lib/notify/service-registry";
import { configuredServiceKeys } from "@/lib/notify/services";
import { startNotifySimulator } from "@/lib/notify-simulator";
import { benchClientHeaders, measureBulk, measureCsv, type BulkTiming, type CsvTiming } from "./bulk/measure";
import { runPgbench, type PgbenchResult } from "./bulk/pgbench";
import { formatNumber, markdownTable } from "./support/markdown";
import { benchServerUrl, recreateDatabase } from "./support/postgres-server";
import { elapsedSeconds, progress } from "./support/progress";
import { dropBenchDatabases, publishReport, runBench } from "./support/run-bench";

// Every address is new, so the per-recipient cap never refuses; the per-client request limit is far off too.
process.env.RECIPIENT_LIMIT_PER_HOUR ??= "100000000";
process.env.LOG_LEVEL ??= "silent";

const bulkSize = 1000;
const requests = Number(process.env.BENCH_BULK_REQUESTS ?? 10);
const csvRows = Number(process.env.BENCH_CSV_ROWS ?? 10_000);
const csvRuns = Number(process.env.BENCH_CSV_RUNS ?? 3);
const concurrency = 2;
const serverUrl = benchServerUrl();
const databaseName = "nc_bench_bulk";

type Measured = { bulk: BulkTiming; csv: CsvTiming; version: string };

async function onDatabase(handle: DatabaseHandle, label: string, connectionString?: string): Promise<Measured> {
  await migrateDatabase(handle);
  setDatabaseHandle(handle);
  await setDeliveryQueueTarget({ handle, connectionString });
  await getDeliveryQueue();
  try {
    const headers = await benchClientHeaders(handle);
    const bulk = await measureBulk(headers, { requests, size: bulkSize, concurrency, label });
    const csv = await measureCsv(headers, { rows: csvRows, runs: csvRuns, label });
    const version = rowsOf<{ version: string }>(await handle.db.execute(sql`select version()`))[0]!.version;
    return { bulk, csv, version: version.split(" on ")[0]! };
  } finally {
    await stopDeliveryQueue({ timeoutMs: 2000 });
    setDatabaseHandle(undefined);
  }
}

async function main(): Promise<void> {
  const simulator = await startNotifySimulator({
    port: 0,
    serviceId: randomUUID(),
    apiKeySecret: randomUUID(),
    onError: () => {},
  });
  setNotifyServices(
    configuredServiceKeys().map((key) => ({ key, apiKey: simulator.apiKey, baseUrl: simulator.url })),
    { kind: "simulator", simulator },
  );
  try {
    const url = await recreateDatabase(serverUrl, databaseName);
    const postgres = await openDatabase({ driver: "postgres", url });
    let onPostgres: Measured;
    let pgbench: PgbenchResult;
    try {
      onPostgres = await onDatabase(postgres, "PostgreSQL", url);
      progress("pgbench: single-row inserts, 2 clients, 5 s");
      pgbench = await runPgbench(url, 2, 5);
      progress(`pgbench: ${pgbench.transactionsPerSecond.toFixed(0)} inserts/s`);
    } finally {
      await postgres.close();
      await dropBenchDatabases(serverUrl, [databaseName]);
    }
    // On disk, as the app's embedded default (DATA_DIR/pglite): in memory, PGlite copies each file as it grows.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-bulk-pglite-"));
    const pglite = await openDatabase({ driver: "pglite", dataDir });
    let onPglite: Measured;
    try {
      onPglite = await onDatabase(pglite, "PGlite");
    } finally {
      await pglite.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    publishReport("bulk", report(onPostgres, onPglite, pgbench));
  } finally {
    setNotifyServices(undefined);
    await simulator.close();
  }
}

function report(onPostgres: Measured, onPglite: Measured, pgbench: PgbenchResult): string {
  const baseline = pgbench.transactionsPerSecond;
  const rate = (count: number, ms: number) => count / (ms / 1000);
  const row = (database: string, path: string, count: number, ms: number) => [
    database,
    path,
    count.toLocaleString("en-GB"),
    formatNumber(ms),
    formatNumber(rate(count, ms)),
    (rate(count, ms) / baseline).toFixed(2),
  ];
  const bulkPath = `POST …/bulk, ${requests} × ${bulkSize}, ${concurrency} at a time`;
  const csvPath = (csv: CsvTiming) =>
    `POST …/batch, CSV of ${csv.rows.toLocaleString("en-GB")} rows (median of ${csv.runs})`;
  const rows = [
    [
      "PostgreSQL",
      `pgbench single-row INSERT (baseline), ${pgbench.clients} clients, ${pgbench.seconds} s`,
      "–",
      "–",
      formatNumber(baseline),
      "1.00",
    ],
    row("PostgreSQL", bulkPath, onPostgres.bulk.notifications, onPostgres.bulk.ms),
    row("PostgreSQL", csvPath(onPostgres.csv), onPostgres.csv.rows, onPostgres.csv.medianMs),
    row("PGlite", bulkPath, onPglite.bulk.notifications, onPglite.bulk.ms),
    row("PGlite", csvPath(onPglite.csv), onPglite.csv.rows, onPglite.csv.medianMs),
  ];
  const load = os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(", ");
  return [
    "# bench:bulk",
    "",
    "Emails (one template, personalisation, each to its own address: a notification, an email delivery, its send " +
      "job and a live event each) through the route handlers with real Requests. Targets (issue 14): ≥ 5,000 " +
      "notifications/s through bulk on PostgreSQL; a 10,000-row CSV in < 3 s. The baseline is `" +
      pgbench.command +
      "` on the same PostgreSQL database in the same run: each insert one row and one commit.",
    "",
    markdownTable(["database", "path", "notifications", "ms", "notifications/s", "× pgbench"], rows, [
      "left",
      "left",
      "right",
      "right",
      "right",
      "right",
    ]),
    "",
    `CSV runs (ms): PostgreSQL ${onPostgres.csv.allMs.map((ms) => ms.toFixed(0)).join(", ")}; ` +
      `PGlite ${onPglite.csv.allMs.map((ms) => ms.toFixed(0)).join(", ")}.`,
    "",
    `Run ${new Date().toISOString()} in ${elapsedSeconds().toFixed(0)} s; Node ${process.version}, ${os.cpus().length} × ` +
      `${os.cpus()[0]?.model.trim() ?? "unknown CPU"}, load average at the end ${load} (shared machine); ` +
      `${onPostgres.version}; PGlite's ${onPglite.version}.`,
  ].join("\n");
}

runBench("bulk", main);
