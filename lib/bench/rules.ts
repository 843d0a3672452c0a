/**
 * How the rules perform, in one report. Parts live in their own files (rules-events.ts: event
 * ingestion with event rules); each returns a markdown section. Reports figures, never asserts.
 *
 *   npm run bench:rules
 *
 * BENCH_DATABASE_URL  a PostgreSQL server to create the bench databases on
 *                     (default postgres://postgres@127.0.0.1:5432/postgres)
 * BENCH_KEEP=1        keep the bench databases afterwards, to look at them with psql
 */
import os from "node:os";
import { measureEventRules } from "./rules-events";
import { elapsedSeconds } from "./support/progress";
import { publishReport, runBench } from "./support/run-bench";

async function main(): Promise<void> {
  process.env.LOG_LEVEL ??= "silent";
  const sections = [await measureEventRules()];
  publishReport(
    "rules",
    [
      "# bench:rules",
      "",
      ...sections.flatMap((section) => [section, ""]),
      `Run ${new Date().toISOString()} in ${elapsedSeconds().toFixed(0)} s; Node ${process.version}, ${os.cpus().length} × ` +
        `${os.cpus()[0]?.model.trim() ?? "unknown CPU"}.`,
    ].join("\n"),
  );
}

runBench("rules", main);
