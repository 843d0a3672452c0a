import { writeBenchResult } from "./markdown";
import { dropDatabase } from "./postgres-server";
import { progress } from "./progress";

// What every benchmark does around its measurements: report where the result went, tidy up its
// databases unless asked to keep them, and end the process with a failure that names the bench.

/**
 * Runs a benchmark and ends the process when it is done: queues and pools may hold it open, and a
 * failure must not leave a half-finished bench running. Exit code 1 and the stack on failure.
 */
export function runBench(name: string, main: () => Promise<void>): void {
  main()
    .then(
      () => progress("done"),
      (error: unknown) => {
        process.stderr.write(
          `bench:${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
        );
        process.exitCode = 1;
      },
    )
    .finally(() => process.exit());
}

/** Prints the markdown report and writes it to bench-results/<name>.md. */
export function publishReport(name: string, markdown: string): void {
  process.stdout.write(`\n${markdown}\n\n`);
  progress(`written to ${writeBenchResult(`${name}.md`, markdown)}`);
}

/** Drops the bench's databases, unless BENCH_KEEP=1 keeps them to look at with psql. */
export async function dropBenchDatabases(serverUrl: string, names: string[]): Promise<void> {
  if (process.env.BENCH_KEEP === "1") {
    progress(`kept ${names.join(", ")} (BENCH_KEEP=1)`);
    return;
  }
  await Promise.all(names.map((name) => dropDatabase(serverUrl, name)));
  progress(`dropped ${names.join(", ")}`);
}
