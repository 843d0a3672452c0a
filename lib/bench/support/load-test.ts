import autocannon, { type AutocannonRequest } from "autocannon";
import { progress } from "./progress";

export type LoadTestOptions = {
  /** Shown in progress lines and tables. */
  name: string;
  baseUrl: string;
  path: string;
  method?: "GET" | "POST" | "PATCH" | "DELETE";
  /** Sent with every request. */
  headers?: Record<string, string>;
  /** Varies each request, e.g. a different person's cookie or a different body. */
  vary?: (request: AutocannonRequest) => AutocannonRequest;
  connections?: number;
  durationSeconds?: number;
  warmupSeconds?: number;
};

export type LoadTestResult = {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  /** Connection errors and timeouts: the server did not answer at all. */
  errors: number;
  averageResponseBytes: number;
  statusCounts: Record<string, number>;
};

export const defaultLoadTest = { connections: 20, durationSeconds: 15, warmupSeconds: 3 };

/** One autocannon run after a discarded warm-up (first requests pay for module loading and JIT). */
export async function runLoadTest(options: LoadTestOptions): Promise<LoadTestResult> {
  const connections = options.connections ?? defaultLoadTest.connections;
  const durationSeconds = options.durationSeconds ?? defaultLoadTest.durationSeconds;
  const warmupSeconds = options.warmupSeconds ?? defaultLoadTest.warmupSeconds;
  progress(`${options.name}: ${warmupSeconds} s warm-up, then ${durationSeconds} s with ${connections} connections`);
  const vary = options.vary;
  const result = await autocannon({
    url: `${options.baseUrl}${options.path}`,
    title: options.name,
    method: options.method ?? "GET",
    headers: options.headers ?? {},
    connections,
    duration: durationSeconds,
    warmup: warmupSeconds > 0 ? { connections, duration: warmupSeconds } : undefined,
    requests: vary ? [{ setupRequest: (request) => vary(request) }] : undefined,
  });
  const summary: LoadTestResult = {
    name: options.name,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    averageResponseBytes: result.requests.total > 0 ? result.throughput.total / result.requests.total : 0,
    statusCounts: Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, Number(count)]),
    ),
  };
  progress(
    `${options.name}: ${summary.requestsPerSecond.toFixed(0)} req/s, p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms, ` +
      `non-2xx ${summary.non2xx}, errors ${summary.errors}, statuses ${JSON.stringify(summary.statusCounts)}`,
  );
  return summary;
}
