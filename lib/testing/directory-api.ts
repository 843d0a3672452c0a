import { and, eq } from "drizzle-orm";
import { beforeAll } from "vitest";
import { activities, type ActivityTargetType } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { callRoute, type RouteHandler } from "@/lib/testing/call-route";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";

type Headers = Record<string, string>;

/**
 * What a directory API test file needs: a fresh database with the demo people and API clients,
 * and Alex's headers (an administrator). Read `demo` and `admin` inside tests: they are filled in
 * before the first one runs.
 */
export function setUpDirectoryApi() {
  const database = setUpTestDatabase();
  let demo: DemoCallers | undefined;
  let admin: Headers | undefined;
  beforeAll(async () => {
    demo = await setUpDemoCallers(database.handle.db);
    admin = await demo.as("alex");
  });
  const ready = <T>(value: T | undefined) => {
    if (value === undefined) throw new Error("The directory API test is not set up yet");
    return value;
  };
  return {
    database,
    get demo() {
      return ready(demo);
    },
    get admin() {
      return ready(admin);
    },
  };
}

/**
 * Calls a directory resource's routes (`/api/v1/people` and `/api/v1/people/{id}`, or the teams'
 * by `key`) as a caller, and reads the audit trail one record has gathered, oldest first.
 */
export function directoryRoutes(
  api: ReturnType<typeof setUpDirectoryApi>,
  resource: {
    path: string;
    param: string;
    targetType: ActivityTargetType;
    collection: { GET: RouteHandler; POST: RouteHandler };
    item: { GET: RouteHandler; PATCH: RouteHandler };
  },
) {
  const { path, param, targetType, collection, item } = resource;
  return {
    create: (headers: Headers, body: unknown) => callRoute(collection.POST, "POST", path, { headers, body }),
    list: (headers: Headers, query: Record<string, string> = {}) =>
      callRoute(collection.GET, "GET", path, { headers, query }),
    read: (headers: Headers, ref: string) =>
      callRoute(item.GET, "GET", `${path}/${ref}`, { headers, params: { [param]: ref } }),
    patch: (headers: Headers, ref: string, body: unknown) =>
      callRoute(item.PATCH, "PATCH", `${path}/${ref}`, { headers, params: { [param]: ref }, body }),
    historyOf: (targetId: string) =>
      api.database.handle.db
        .select()
        .from(activities)
        .where(and(eq(activities.targetType, targetType), eq(activities.targetId, targetId)))
        .orderBy(activities.recordedAt),
  };
}
