// autocannon ships no types and @types/autocannon lags v8; this covers what the benchmarks use.
declare module "autocannon" {
  export type AutocannonRequest = {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    /** Called before each request is sent; returning a falsy value restarts the request list. */
    setupRequest?: (
      request: AutocannonRequest,
      context: Record<string, unknown>,
    ) => AutocannonRequest | null | undefined;
  };

  export type AutocannonOptions = {
    url: string;
    title?: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    /** Seconds before a request counts as timed out. */
    timeout?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    requests?: AutocannonRequest[];
    /** A discarded run before the measured one; its results land on `result.warmup`. */
    warmup?: { connections?: number; duration?: number };
  };

  export type Histogram = {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p99: number;
  };

  export type AutocannonResult = {
    title?: string;
    url: string;
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    statusCodeStats: Record<string, { count: number }>;
    /** Milliseconds. */
    latency: Histogram;
    /** Completed requests per one-second sample; `total` is all completed requests. */
    requests: Histogram & { sent: number };
    /** Bytes per one-second sample; `total` is all bytes received. */
    throughput: Histogram;
  };

  export type AutocannonInstance = PromiseLike<AutocannonResult> & { stop: () => void };

  export default function autocannon(options: AutocannonOptions): AutocannonInstance;
}
