import { randomUUID } from "node:crypto";
import path from "node:path";
import { beforeAll } from "vitest";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { notifyTemplateIds } from "@/lib/notify-simulator";
import { setNotifyServices } from "@/lib/notify/service-registry";
import { configuredServiceKeys } from "@/lib/notify/services";
import { setUpDemoCallers, type DemoCallers } from "./demo-callers";
import { setUpNotifySimulator } from "./notify-simulator";
import { discoverRouteHandlers, type DiscoveredRoute } from "./route-handlers";

// Every route that takes input and writes (POST, PUT, PATCH, DELETE under app/api/v1), found on
// disk, with a caller each may admit, for tests that throw bad input at all of them: a route added
// later is covered without a word here unless it needs a caller or body of a kind not listed.

export type WriteRoutesFixture = {
  readonly routes: DiscoveredRoute[];
  /** Headers that get a caller past the route's authentication and scopes, so input is what is tested. */
  headersFor: (route: DiscoveredRoute) => Record<string, string>;
};

/** Every POST, PUT, PATCH and DELETE under app/api/v1, imported from disk. */
export async function discoverWriteRoutes(): Promise<DiscoveredRoute[]> {
  const all = await discoverRouteHandlers(path.resolve(import.meta.dirname, "../../app"));
  return all.filter((route) => route.path.startsWith("/api/v1/") && route.method !== "GET");
}

const csvRoutes = new Set(["/api/v1/notifications/batch", "/api/v1/people/import"]);
// POSTs that are a command on a record and read no body.
const bodilessRoutes = new Set([
  "/api/v1/notifications/[id]/cancel",
  "/api/v1/people/[id]/erasure",
  "/api/v1/subscription-messages/[id]/replay",
  "/api/v1/subscriptions/[id]/secret",
]);

/** What a route reads: JSON (the default), a CSV file, or nothing (DELETE, a bodiless command). */
export function bodyKindOf(route: DiscoveredRoute): "json" | "csv" | "none" {
  if (route.method === "DELETE" || bodilessRoutes.has(route.path)) return "none";
  return csvRoutes.has(route.path) ? "csv" : "json";
}

/** A query string the route accepts, so its body is read (the batch route reads its query first). */
export function validQueryFor(route: DiscoveredRoute): Record<string, string> {
  if (route.path !== "/api/v1/notifications/batch") return {};
  return { notificationType: "Email", serviceKey: "housing", templateId: notifyTemplateIds.email.visitDue! };
}

/** The route's URL with each `[param]` given `valueOf(name)` (a fresh UUID unless told otherwise). */
export function urlFor(
  route: DiscoveredRoute,
  valueOf: (name: string) => string = () => randomUUID(),
  query: Record<string, string> = validQueryFor(route),
): { url: URL; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const pathname = route.path.replace(/\[([^\]]+)\]/g, (_, name: string) => {
    params[name] = valueOf(name);
    // A URL cannot carry an unpaired surrogate (encodeURIComponent throws); the params still do.
    return encodeURIComponent(params[name].replace(/[\ud800-\udfff]/g, "\ufffd"));
  });
  const url = new URL(`http://test${pathname}`);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return { url, params };
}

/** A database with the demo people and clients, a Notify simulator, and the write routes. */
export function setUpWriteRoutes(): WriteRoutesFixture & {
  database: ReturnType<typeof setUpTestDatabase>;
  readonly demo: DemoCallers;
} {
  const database = setUpTestDatabase();
  const notify = setUpNotifySimulator();
  const callbackToken = randomUUID();
  let demo: DemoCallers | undefined;
  let resident: Record<string, string> = {};
  let routes: DiscoveredRoute[] = [];
  beforeAll(async () => {
    // The simulator's services again, now with a token Notify's receipts can carry.
    const { simulator } = notify;
    setNotifyServices(
      configuredServiceKeys().map((key) => ({ key, apiKey: simulator.apiKey, baseUrl: simulator.url })),
      { kind: "simulator", simulator },
      { callbackToken },
    );
    demo = await setUpDemoCallers(database.handle.db);
    resident = await demo.as("rosa");
    routes = await discoverWriteRoutes();
  });
  return {
    database,
    get demo() {
      return demo!;
    },
    get routes() {
      return routes;
    },
    headersFor(route) {
      // A person's own settings (a resident: the review's 40 MB went to PUT /api/v1/me/preferences),
      // Notify's receipts with Notify's token, everything else as the demo client with every scope.
      if (route.path.startsWith("/api/v1/me/")) return resident;
      if (route.path === "/api/v1/notify/callbacks") return { authorization: `Bearer ${callbackToken}` };
      return demo!.serviceHeaders;
    },
  };
}
