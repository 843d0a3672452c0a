import { logger } from "@/lib/logging/logger";
import { operationsMetrics } from "./metrics";
import { routeTemplateOf } from "./route-template";

type Params = Record<string, string | string[] | undefined>;

/**
 * Counts one API request and its time under its route template. The route handler wrapper calls it
 * with the params it has already awaited (undefined if they never resolved), so counting adds no
 * await to a request.
 */
export function recordRequest(request: Request, params: unknown, status: number, milliseconds: number): void {
  try {
    const route = routeTemplateOf(new URL(request.url).pathname, (params ?? {}) as Params);
    operationsMetrics().httpRequestDuration.observe(
      { method: request.method, route, status: String(status) },
      milliseconds / 1000,
    );
  } catch (error) {
    // Counting must never cost a caller their answer.
    logger.warn({ err: error }, "metrics: a request could not be counted");
  }
}
