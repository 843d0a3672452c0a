// npm run bench:flat – lists and counts stay flat as ONE caller's volume grows: a person whose team
// inbox holds 1,000,000 items against one with 100, a client that created 1,000,000 against one with
// 100, a record with 1,000,000 history entries against one with 100; all in the same tables, on
// PostgreSQL and PGlite, each p50 beside a bare `select 1` in the same run. Target: large/small ≤ 1.5×.
// Calls the lib/ functions the route handlers call (no HTTP), so what varies is the database work.
import { sql } from "drizzle-orm";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { keepStatisticsFresh } from "@/db/statistics";
import { loadFlatData } from "./flat/data";
import { plansOf } from "./flat/explain";
import { calls, measureFlat } from "./flat/measure";
import { formatFlatRun, type FlatRun } from "./flat/report";
import { benchServerUrl, recreateDatabase } from "./support/postgres-server";
import { progress } from "./support/progress";
import { dropBenchDatabases, publishReport, runBench } from "./support/run-bench";

const whole = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const settings = {
  database: "nc_bench_flat",
  small: whole("BENCH_FLAT_SMALL", 100),
  large: whole("BENCH_FLAT_LARGE", 1_000_000),
  // PGlite holds everything in one WebAssembly heap (memory mode, ~1 GB per million items and receipts).
  pgliteLarge: whole("BENCH_FLAT_PGLITE_LARGE", 200_000),
  rounds: whole("BENCH_FLAT_ROUNDS", 200),
};

async function onPostgres(): Promise<FlatRun> {
  const serverUrl = benchServerUrl();
  const url = await recreateDatabase(serverUrl, settings.database);
  const handle = await openDatabase({ driver: "postgres", url, maxConnections: 2 });
  try {
    await migrateDatabase(handle);
    const data = await loadFlatData(handle.db, settings.small, settings.large);
    // What autovacuum does after a load like this (the bench server may run without it).
    for (const table of ["notifications", "notification_receipts", "activities"])
      await handle.db.execute(sql`vacuum (analyze) ${sql.identifier(table)}`);
    progress("PostgreSQL: measuring");
    const figures = await measureFlat(handle.db, data, settings.rounds);
    const plans = new Map<string, string>();
    for (const [name, call] of calls)
      plans.set(name, (await plansOf(url, (db) => call(db, data.large, data.admin))).join(" · "));
    return { driver: "PostgreSQL", smallCount: settings.small, largeCount: settings.large, figures, plans, note: "" };
  } finally {
    await handle.close();
  }
}

async function onPglite(): Promise<FlatRun> {
  const handle: DatabaseHandle = await openDatabase({ driver: "pglite" });
  try {
    await migrateDatabase(handle);
    const data = await loadFlatData(handle.db, settings.small, settings.pgliteLarge);
    // The scheduled housekeeping step, as it would run within a minute of the load.
    const work = await keepStatisticsFresh(handle.db);
    progress(`PGlite: housekeeping analysed ${work.analyzed.length} tables, vacuumed ${work.vacuumed.length}`);
    progress("PGlite: measuring");
    const figures = await measureFlat(handle.db, data, settings.rounds);
    const note = `In memory; statistics from the scheduled housekeeping step (analysed ${work.analyzed.join(", ")}).`;
    return { driver: "PGlite", smallCount: settings.small, largeCount: settings.pgliteLarge, figures, note };
  } finally {
    await handle.close();
  }
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const runs: FlatRun[] = [];
  try {
    if (process.env.BENCH_FLAT_SKIP_POSTGRES !== "1") runs.push(await onPostgres());
    if (process.env.BENCH_FLAT_SKIP_PGLITE !== "1") runs.push(await onPglite());
  } finally {
    await dropBenchDatabases(benchServerUrl(), [settings.database]);
  }
  publishReport(
    "flat",
    [
      `## Flat as one caller grows (${startedAt.toISOString()})`,
      "",
      `Each figure the median of ${settings.rounds} sequential calls of the lib/ function a route calls, on one connection's worth of load.`,
      "",
      ...runs.map(formatFlatRun).flatMap((table) => [table, ""]),
    ].join("\n"),
  );
}

runBench("flat", main);
