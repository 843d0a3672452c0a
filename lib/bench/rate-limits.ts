/**
 * What the shared request limit costs each request: FixedWindowLimiter.consume (one upsert in
 * rate_limit_windows) against a baseline measured in the same run on the same database, a bare
 * `select 1` round trip. With one key (one API client sending everything, so every use waits for
 * the previous one's row) and with a key per worker (many clients). Reports figures, never asserts.
 *
 *   npm run bench:limits
 *
 * BENCH_DATABASE_URL  a PostgreSQL server to create the bench database on
 *                     (default postgres://postgres@127.0.0.1:5432/postgres)
 * BENCH_OPERATIONS    operations per scenario (default 4000)
 * BENCH_CONCURRENCY   concurrent callers (default 16, the API bench's connections)
 */
import os from "node:os";
import { sql } from "drizzle-orm";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { FixedWindowLimiter } from "@/lib/api/rate-limit";
import { formatNumber, markdownTable, type Cell } from "./support/markdown";
import { benchServerUrl, recreateDatabase } from "./support/postgres-server";
import { elapsedSeconds, progress } from "./support/progress";
import { dropBenchDatabases, publishReport, runBench } from "./support/run-bench";

const operations = Number(process.env.BENCH_OPERATIONS ?? 4000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const serverUrl = benchServerUrl();
const databaseName = "nc_bench_rate_limits";
// Never refuses: what is measured is the counting, not the 429.
const limiter = new FixedWindowLimiter("bench", () => Number.MAX_SAFE_INTEGER, 60_000);

/** Operations per second of `operation` run `operations` times by `concurrency` callers. */
async function throughput(operation: (worker: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (next++ < operations) await operation(worker);
    }),
  );
  return operations / ((performance.now() - started) / 1000);
}

async function measure(handle: DatabaseHandle, label: string): Promise<Cell[][]> {
  const { db } = handle;
  const baseline = await throughput(() => db.execute(sql`select 1`));
  const oneKey = await throughput(() => limiter.consume(db, "one-client"));
  const keyPerWorker = await throughput((worker) => limiter.consume(db, `client-${worker}`));
  progress(`${label} measured`);
  return [
    [label, "select 1 (baseline)", formatNumber(baseline), "1.00×"],
    [label, "consume, one client", formatNumber(oneKey), `${(oneKey / baseline).toFixed(2)}×`],
    [label, "consume, a client per caller", formatNumber(keyPerWorker), `${(keyPerWorker / baseline).toFixed(2)}×`],
  ];
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const postgres = await openDatabase({
    driver: "postgres",
    url: await recreateDatabase(serverUrl, databaseName),
    maxConnections: concurrency,
  });
  const pglite = await openDatabase({ driver: "pglite" });
  const rows: Cell[][] = [];
  try {
    for (const [handle, label] of [
      [postgres, "PostgreSQL"],
      [pglite, "PGlite"],
    ] as const) {
      await migrateDatabase(handle);
      rows.push(...(await measure(handle, label)));
    }
  } finally {
    await Promise.all([postgres.close(), pglite.close()]);
    await dropBenchDatabases(serverUrl, [databaseName]);
  }
  publishReport(
    "rate-limits",
    [
      `# Shared request limits (${startedAt.toISOString().slice(0, 10)})`,
      "",
      `${formatNumber(operations)} operations per row by ${concurrency} concurrent callers; ` +
        `${os.cpus().length} CPUs; ${elapsedSeconds().toFixed(0)} s in all.`,
      "",
      markdownTable(["database", "operation", "per second", "to baseline"], rows, ["left", "left", "right", "right"]),
    ].join("\n"),
  );
}

runBench("limits", main);
