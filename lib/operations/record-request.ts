import { logger } from "@/lib/logging/logger";
import { operationsMetrics } from "./metrics";
import { routeTemplateOf } from "./route-template";

type Params = Record<string, string | string[] | undefined>;

/** Counts one API request and its time under its route template (the route handler wrapper calls it). */
export async function recordRequest(
  request: Request,
  context: { params?: Promise<unknown> } | undefined,
  status: number,
  milliseconds: number,
): Promise<void> {
  try {
    const params = ((await context?.params?.catch(() => undefined)) ?? {}) as Params;
    const route = routeTemplateOf(new URL(request.url).pathname, params);
    operationsMetrics().httpRequestDuration.observe(
      { method: request.method, route, status: String(status) },
      milliseconds / 1000,
    );
  } catch (error) {
    // Counting must never cost a caller their answer.
    logger.warn({ err: error }, "metrics: a request could not be counted");
  }
}
