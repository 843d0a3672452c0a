const startedAt = performance.now();

/** Seconds since the benchmark process started, for progress lines and the total run time. */
export function elapsedSeconds(): number {
  return (performance.now() - startedAt) / 1000;
}

/** A progress line stamped with the elapsed time, so a slow step shows where the minutes went. */
export function progress(message: string): void {
  process.stdout.write(`[${elapsedSeconds().toFixed(1).padStart(6)} s] ${message}\n`);
}

/** Runs `work` and returns its result with how long it took in milliseconds. */
export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await work();
  return { result, ms: performance.now() - start };
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The median time in milliseconds of `rounds` runs of `run`, one after another. */
export async function p50(run: () => Promise<unknown>, rounds: number): Promise<number> {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return median(times);
}
