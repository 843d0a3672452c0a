/**
 * How activity history reads scale: the first and fifth page of a record with 1,000 activities, in a
 * table of 50,000 rows and in one of 5,000,000. Reports figures and never asserts.
 *
 *   npm run bench:activity
 *
 * BENCH_DATABASE_URL  a PostgreSQL server to create the two bench databases on
 *                     (default postgres://postgres@127.0.0.1:5432/postgres)
 * BENCH_RUNS          timed runs per measure (default 1000); BENCH_WARMUP warm-up runs (default 100)
 * BENCH_KEEP=1        keep the bench databases afterwards, to look at them with psql
 */
import os from "node:os";
import { sql } from "drizzle-orm";
import { openDatabase, rowsOf, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { loadActivities, vacuumAndDescribe, type ActivityDataSize } from "./activity/load";
import {
  countOtherActiveSessions,
  explainListActivities,
  findFifthPageToken,
  measure,
  type Subject,
} from "./activity/measure";
import { renderReport, type LoadFacts } from "./activity/report";
import { benchServerUrl, databaseUrlFor, recreateDatabase } from "./support/postgres-server";
import { elapsedSeconds, progress } from "./support/progress";
import { dropBenchDatabases, publishReport, runBench } from "./support/run-bench";

const serverUrl = benchServerUrl();
const rounds = { warmup: Number(process.env.BENCH_WARMUP ?? 100), timed: Number(process.env.BENCH_RUNS ?? 1000) };

const datasets: Array<{ label: string; database: string; size: ActivityDataSize }> = [
  {
    label: "50k rows",
    database: "nc_bench_activity_small",
    size: { rows: 50_000, targets: 1_000, hotRows: 1_000, chunkRows: 50_000 },
  },
  {
    label: "5M rows",
    database: "nc_bench_activity_large",
    size: { rows: 5_000_000, targets: 100_000, hotRows: 1_000, chunkRows: 500_000 },
  },
];

const seconds = (from: number) => (performance.now() - from) / 1000;

async function main(): Promise<void> {
  const handles: DatabaseHandle[] = [];
  try {
    const loads: LoadFacts[] = [];
    for (const { label, database, size } of datasets) {
      progress(`${label}: creating and migrating ${database}`);
      const url = await recreateDatabase(serverUrl, database);
      const migrationHandle = await openDatabase({ driver: "postgres", url });
      await migrateDatabase(migrationHandle).finally(() => migrationHandle.close());
      const loadStart = performance.now();
      await loadActivities(url, size, (loaded) =>
        progress(`${label}: ${loaded.toLocaleString("en-GB")} / ${size.rows.toLocaleString("en-GB")} rows loaded`),
      );
      const loadSeconds = seconds(loadStart);
      progress(`${label}: loaded in ${loadSeconds.toFixed(1)} s; vacuum analyze`);
      const vacuumStart = performance.now();
      const facts = await vacuumAndDescribe(url);
      const vacuumSeconds = seconds(vacuumStart);
      progress(
        `${label}: vacuum analyze ${vacuumSeconds.toFixed(1)} s; ${facts.tableSize} table, ${facts.indexesSize} indexes`,
      );
      if (facts.rows !== size.rows || facts.hotRows !== size.hotRows)
        throw new Error(`${database} holds the wrong rows: ${JSON.stringify(facts)}`);
      loads.push({ ...facts, label, targets: size.targets, loadSeconds, vacuumSeconds });
    }

    // One connection per database, so every timed query runs on the same backend.
    const subjects: Subject[] = [];
    const fifthPageTokens = new Map<Subject, string>();
    for (const { label, database, size } of datasets) {
      const handle = await openDatabase({
        driver: "postgres",
        url: databaseUrlFor(serverUrl, database),
        maxConnections: 1,
      });
      handles.push(handle);
      const subject: Subject = {
        label,
        handle,
        ordinaryTargets: size.targets,
        timings: { baseline: [], firstPage: [], fifthPage: [], ordinaryFirstPage: [] },
      };
      subjects.push(subject);
      fifthPageTokens.set(subject, await findFifthPageToken(handle.db));
    }
    const [small, large] = subjects as [Subject, Subject];
    const [{ version }] = rowsOf<{ version: string }>(await small.handle.db.execute(sql`select version()`)) as [
      { version: string },
    ];

    const busyBefore = await countOtherActiveSessions(small.handle.db);
    const loadBefore = os.loadavg()[0]!;
    progress(`measuring: ${rounds.warmup} warm-up + ${rounds.timed} timed runs, databases alternating`);
    await measure(subjects, fifthPageTokens, rounds, (done, total) => progress(`measuring: ${done} / ${total} runs`));
    const busyAfter = await countOtherActiveSessions(small.handle.db);
    const loadAfter = os.loadavg()[0]!;

    progress("EXPLAIN (ANALYZE, BUFFERS) of the listActivities SQL");
    const plans = {
      large: await explainListActivities(databaseUrlFor(serverUrl, datasets[1]!.database), fifthPageTokens.get(large)!),
      small: await explainListActivities(databaseUrlFor(serverUrl, datasets[0]!.database), fifthPageTokens.get(small)!),
    };

    const report = renderReport({
      small,
      large,
      loads,
      rounds,
      plans,
      environment: [
        `Run ${new Date().toISOString()}; setup and measurement took ${elapsedSeconds().toFixed(0)} s`,
        `Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? "unknown CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM`,
        version,
        `Timed through \`listActivities(db, caller, query)\` on a drizzle/postgres.js handle with one connection per database (includes driver and row mapping; no HTTP)`,
      ],
      notes: [
        `Other client sessions active on the server: ${busyBefore} before measuring, ${busyAfter} after; 1-minute load average ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)}.`,
        "The hot target's rows are spread evenly through each table (rows are loaded in created_at order), as a long-lived record's would be.",
      ],
    });
    publishReport("activity", report);
  } finally {
    await Promise.all(handles.map((handle) => handle.close()));
    await dropBenchDatabases(
      serverUrl,
      datasets.map((dataset) => dataset.database),
    );
  }
}

runBench("activity", main);
