import fs from "node:fs";
import path from "node:path";
import type { RouteCall } from "./call-route";

const httpMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any route's params shape
export type RouteHandler = (request: Request, context: { params: Promise<any> }) => Promise<Response>;

/** One exported method of one route.ts: `key` is "GET /api/v1/notifications/[id]". */
export type DiscoveredRoute = { key: string; method: string; path: string; handler: RouteHandler };

/**
 * Every route handler under `appDirectory` (the folder that holds `api/`), found on disk and
 * imported, so a test can insist that each one is covered.
 */
export async function discoverRouteHandlers(appDirectory: string): Promise<DiscoveredRoute[]> {
  const files = fs
    .readdirSync(appDirectory, { recursive: true, encoding: "utf8" })
    .filter((file) => path.basename(file) === "route.ts")
    .sort();
  const routes: DiscoveredRoute[] = [];
  for (const file of files) {
    const routePath = `/${path.dirname(file).split(path.sep).join("/")}`;
    const exports = (await import(path.join(appDirectory, file))) as Record<string, unknown>;
    for (const method of httpMethods) {
      const handler = exports[method];
      if (typeof handler === "function")
        routes.push({ key: `${method} ${routePath}`, method, path: routePath, handler: handler as RouteHandler });
    }
  }
  return routes;
}

/** The status a route answers, the request made as Next.js makes it; the body (JSON, a CSV, a stream) is not read. */
export async function statusOf(route: DiscoveredRoute, call: RouteCall): Promise<number> {
  const params = call.params ?? {};
  const url = new URL(`http://test${route.path.replace(/\[([^\]]+)\]/g, (_, name: string) => params[name] ?? name)}`);
  for (const [name, value] of Object.entries(call.query ?? {})) url.searchParams.set(name, value);
  const body = call.body === undefined || typeof call.body === "string" ? call.body : JSON.stringify(call.body);
  const abort = new AbortController();
  const response = await route.handler(
    new Request(url, {
      method: route.method,
      headers: { "content-type": "application/json", ...call.headers },
      body,
      signal: abort.signal,
    }),
    { params: Promise.resolve(params) },
  );
  abort.abort();
  await response.body?.cancel();
  return response.status;
}
