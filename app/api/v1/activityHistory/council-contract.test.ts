import path from "node:path";
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { resetSettings } from "@/lib/config/settings";
import { activityAuthor, postActivities, seedActivityHistory } from "@/lib/testing/activity-history";
import { callRoute } from "@/lib/testing/call-route";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";
import { resolveApiPath } from "@/lib/next-bridge/testing/next-routing";
import { discoverRouteHandlers, type DiscoveredRoute } from "@/lib/testing/route-handlers";
import { config as proxyConfig, proxy } from "@/proxy";

// The council's own Activity History examples (shared/reference/hackney.md), replayed against the
// real route handlers as its front end (mtfh-frontend-activity-history) and its API's tests make them:
// the path in the front end's letter case, a browser's CORS preflight from the front end's site,
// the paging token's look-ahead, and the 400/404 rules.

const database = setUpTestDatabase();
const frontEnd = "https://manage-my-home.hackney.gov.uk";
let demo: DemoCallers;
let routes: DiscoveredRoute[];

beforeAll(async () => {
  process.env.CORS_ORIGINS = `${frontEnd},https://other.council.example`;
  resetSettings();
  demo = await setUpDemoCallers(database.handle.db);
  routes = await discoverRouteHandlers(path.resolve(import.meta.dirname, "../../.."));
  expect((await postActivities(demo.serviceHeaders, councilFixture)).status).toBe(201);
});

afterAll(() => {
  delete process.env.CORS_ORIGINS;
  resetSettings();
});

/** A GET as Next.js would route it: path (any case) → route file or rewrite → handler. */
async function get(pathAndQuery: string, headers: Record<string, string> = demo.serviceHeaders) {
  const url = new URL(`http://test${pathAndQuery}`);
  const resolved = await resolveApiPath(routes, "GET", url.pathname);
  if (!resolved) return { status: 404, headers: new Headers(), json: null, route: undefined };
  const query = Object.fromEntries(url.searchParams.entries());
  const answer = await callRoute(resolved.route.handler, "GET", url.pathname, {
    headers,
    query,
    params: resolved.params,
  });
  return { ...answer, route: resolved.route.key };
}

// mtfh-tl-e2e-tests/cypress/fixtures/activity-history-person.json. Its createdAt (2022) is moved to
// an hour ago: a posted activity may be back-dated ACTIVITY_MAX_BACKDATE_DAYS at most.
const councilFixture = {
  id: "b318a0a6-d048-45d6-9188-cc26324eecfc",
  targetId: "71a29e65-efa7-4113-bb33-7a11cde9f8b0",
  type: "update",
  targetType: "person",
  createdAt: new Date(Date.now() - 60 * 60_000).toISOString(),
  timetoLiveForRecord: 0,
  oldData: { firstName: "fjfidjf" },
  newData: { firstName: "Asd" },
  authorDetails: { fullName: "First Last", email: "first.last@hackney.gov.uk" },
  sourceDomain: "Person",
};

describe("the council's front end, unchanged", () => {
  it("reads the fixture's record at /activityhistory with pageSize 5, in the fixture's shape", async () => {
    const { status, json, route } = await get(`/api/v1/activityhistory?targetId=${councilFixture.targetId}&pageSize=5`);
    expect(route).toBe("GET /api/v1/activityHistory");
    expect(status).toBe(200);
    const { authorDetails, ...fields } = councilFixture;
    expect(json.results).toEqual([expect.objectContaining({ ...fields, onBehalfOf: authorDetails })]);
    expect(json.paginationDetails).toEqual({ nextToken: null });
  });

  it.each([
    ["/api/v1/activityhistory", "GET /api/v1/activityHistory"],
    ["/api/v1/ACTIVITYHISTORY", "GET /api/v1/activityHistory"],
    ["/api/v1/ActivityHistory", "GET /api/v1/activityHistory"],
    ["/api/v1/activityHistory", "GET /api/v1/activityHistory"],
    [`/api/v1/activityhistory/${councilFixture.id}`, "GET /api/v1/activityHistory/[id]"],
    [`/api/v1/ACTIVITYHISTORY/${councilFixture.id}`, "GET /api/v1/activityHistory/[id]"],
  ])("answers %s as %s", async (pathname, expectedRoute) => {
    const query = pathname.endsWith(councilFixture.id) ? "" : `?targetId=${councilFixture.targetId}`;
    const { status, route, json } = await get(`${pathname}${query}`);
    expect(route).toBe(expectedRoute);
    expect(status).toBe(200);
    expect(JSON.stringify(json)).toContain(councilFixture.id);
  });

  it("reaches the export's own route in any letter case, not the {id} route", async () => {
    for (const pathname of ["/api/v1/ACTIVITYHISTORY/export", "/api/v1/activityhistory/Export"])
      expect((await resolveApiPath(routes, "GET", pathname))?.route.key).toBe("GET /api/v1/activityHistory/export");
  });

  it("does not rewrite other API paths", async () => {
    expect(await resolveApiPath(routes, "GET", "/api/v1/NOTIFICATIONS")).toBeUndefined();
    expect(await resolveApiPath(routes, "GET", "/api/v1/activityhistoryx")).toBeUndefined();
  });
});

describe("CORS for configured origins", () => {
  const preflight = (origin: string, pathname = "/api/v1/activityhistory") =>
    proxy(
      new NextRequest(`http://test${pathname}`, {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "GET",
          "access-control-request-headers": "authorization,x-correlation-id",
        },
      }),
    );

  it("answers the front end's preflight with the methods and headers it sends", async () => {
    const response = preflight(frontEnd);
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(frontEnd);
    expect(response.headers.get("vary")).toBe("Origin");
    expect(response.headers.get("access-control-allow-methods")).toContain("GET");
    const allowed = response.headers.get("access-control-allow-headers")!.split(", ");
    expect(allowed).toEqual(expect.arrayContaining(["authorization", "content-type", "x-correlation-id"]));
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("grants nothing to an origin not configured", async () => {
    const response = preflight("https://evil.example");
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(response.headers.get("access-control-allow-methods")).toBeNull();
  });

  it("lets the proxy see API preflights only, so other API requests never pay for it", () => {
    expect(proxyConfig.matcher).toContainEqual({
      source: "/api/v1/:path*",
      has: [{ type: "header", key: "access-control-request-method" }],
    });
  });

  it("echoes the caller's x-correlation-id, exposed to the front end's scripts", async () => {
    const { status, headers } = await get(`/api/v1/activityhistory?targetId=${councilFixture.targetId}`, {
      ...demo.serviceHeaders,
      origin: frontEnd,
      "x-correlation-id": "4b1c0c8e-front-end",
    });
    expect(status).toBe(200);
    expect(headers.get("x-correlation-id")).toBe("4b1c0c8e-front-end");
    expect(headers.get("access-control-allow-origin")).toBe(frontEnd);
    expect(headers.get("access-control-expose-headers")).toContain("x-correlation-id");
    expect(headers.get("vary")).toContain("Origin");
  });

  it("makes a correlation id when the caller sends none, on errors too", async () => {
    const { status, headers } = await get("/api/v1/activityhistory?targetId=12345667890", {
      ...demo.serviceHeaders,
      origin: frontEnd,
    });
    expect(status).toBe(400);
    expect(headers.get("x-correlation-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(headers.get("access-control-allow-origin")).toBe(frontEnd);
  });

  it("never allows an origin it was not given", async () => {
    const { headers } = await get(`/api/v1/activityhistory?targetId=${councilFixture.targetId}`, {
      ...demo.serviceHeaders,
      origin: "https://evil.example",
    });
    expect(headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("paging token look-ahead (ActivityHistoryGatewayTests)", () => {
  it("pages 9 records by 5: a token, then a last page without one", async () => {
    const targetId = await seedActivityHistory(demo.serviceHeaders, 9);
    const first = await get(`/api/v1/activityHistory?targetId=${targetId}&pageSize=5`);
    expect(first.json.results).toHaveLength(5);
    const token = first.json.paginationDetails.nextToken;
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    const second = await get(`/api/v1/activityHistory?targetId=${targetId}&pageSize=5&paginationToken=${token}`);
    expect(second.json.results).toHaveLength(4);
    expect(second.json.paginationDetails.nextToken).toBeNull();
  });

  it("gives no token when pageSize equals the number of records", async () => {
    const targetId = await seedActivityHistory(demo.serviceHeaders, 5);
    const { json } = await get(`/api/v1/activityHistory?targetId=${targetId}&pageSize=5`);
    expect(json.results).toHaveLength(5);
    expect(json.paginationDetails.nextToken).toBeNull();
  });

  it("serves a pageSize above 100 as 100 with a token, rather than refusing it", async () => {
    const targetId = await seedActivityHistory(demo.serviceHeaders, 130);
    const first = await get(`/api/v1/activityhistory?targetId=${targetId}&pageSize=500`);
    expect(first.status).toBe(200);
    expect(first.json.results).toHaveLength(100);
    const token = first.json.paginationDetails.nextToken;
    const rest = await get(`/api/v1/activityhistory?targetId=${targetId}&pageSize=500&paginationToken=${token}`);
    expect(rest.json.results).toHaveLength(30);
    expect(rest.json.paginationDetails.nextToken).toBeNull();
  });
});

describe("400 and 404, as the council's API answers them", () => {
  it.each([
    ["targetId=12345667890", ["targetId"]],
    ["targetId=00000000-0000-0000-0000-000000000000", ["targetId"]],
    ["", ["targetId"]],
    [`targetId=${randomUUID()}&pageSize=0`, ["pageSize"]],
    [`targetId=${randomUUID()}&pageSize=-5`, ["pageSize"]],
    [`targetId=${randomUUID()}&pageSize=ten`, ["pageSize"]],
    [`targetId=${randomUUID()}&pageSize=2.5`, ["pageSize"]],
    [`targetId=${randomUUID()}&from=yesterday`, ["from"]],
    [`targetId=${randomUUID()}&to=2026-13-01T00:00:00Z`, ["to"]],
    [`targetId=${randomUUID()}&from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z`, ["from", "to"]],
    [`targetId=${randomUUID()}&targetType=flat`, ["targetType"]],
  ])("?%s is a 400 naming %j", async (query, paths) => {
    const { status, headers, json } = await get(`/api/v1/activityhistory?${query}`);
    expect(status).toBe(400);
    expect(headers.get("content-type")).toBe("application/problem+json");
    expect(json.errors.map((error: { path: string }) => error.path)).toEqual(paths);
  });

  it("answers 404 for a target with no history", async () => {
    const { status, headers } = await get(`/api/v1/activityhistory?targetId=${randomUUID()}`);
    expect(status).toBe(404);
    expect(headers.get("content-type")).toBe("application/problem+json");
  });

  it("answers one activity by id, as the list shows it", async () => {
    const list = await get(`/api/v1/activityHistory?targetId=${councilFixture.targetId}`);
    const one = await get(`/api/v1/activityHistory/${councilFixture.id}`);
    expect(one.status).toBe(200);
    expect(one.json).toEqual(list.json.results[0]);
  });

  it("answers 400 for an id that is not a uuid", async () => {
    const { status, json } = await get("/api/v1/activityHistory/12345667890");
    expect(status).toBe(400);
    expect(json.errors[0].path).toBe("id");
  });

  it("answers an unknown id and someone else's record with the same 404", async () => {
    const unknown = await get(`/api/v1/activityHistory/${randomUUID()}`, await demo.as("rosa"));
    const othersRecord = await get(`/api/v1/activityHistory/${councilFixture.id}`, await demo.as("rosa"));
    expect(unknown.status).toBe(404);
    expect(othersRecord.status).toBe(404);
    const { instance: _unknownInstance, correlationId: _a, ...unknownProblem } = unknown.json;
    const { instance: _othersInstance, correlationId: _b, ...othersProblem } = othersRecord.json;
    expect(othersProblem).toEqual(unknownProblem);
  });
});

describe("filters", () => {
  const targetId = randomUUID();
  // One clock for the stored times and the filters' bounds, however long set-up takes.
  const now = Date.now();
  const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
  const activity = (minutesAgo: number, targetType: string, sourceDomain: string) => ({
    type: "update",
    targetType,
    targetId,
    createdAt: at(minutesAgo),
    newData: { minutesAgo },
    authorDetails: activityAuthor,
    sourceDomain,
  });

  beforeAll(async () => {
    const body = [
      ...Array.from({ length: 12 }, (_, index) => activity(10 + index, "tenure", "Tenure")),
      ...Array.from({ length: 6 }, (_, index) => activity(100 + index, "tenurePerson", "Tenure")),
      ...Array.from({ length: 6 }, (_, index) => activity(200 + index, "tenure", "Processes")),
    ];
    expect((await postActivities(demo.serviceHeaders, body)).status).toBe(201);
  });

  /** Every page of a filtered list, walked by token with pageSize 5. */
  async function walk(filters: string) {
    const minutes: number[] = [];
    let token: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof get>> = await get(
        `/api/v1/activityhistory?targetId=${targetId}&pageSize=5${filters}${token ? `&paginationToken=${token}` : ""}`,
      );
      expect(page.status).toBe(200);
      minutes.push(
        ...page.json.results.map((result: { newData: { minutesAgo: number } }) => result.newData.minutesAgo),
      );
      token = page.json.paginationDetails.nextToken;
    } while (token);
    return minutes;
  }

  const range = (from: number, count: number) => Array.from({ length: count }, (_, index) => from + index);

  it.each([
    ["", [...range(10, 12), ...range(100, 6), ...range(200, 6)]],
    ["&targetType=tenurePerson", range(100, 6)],
    ["&sourceDomain=Processes", range(200, 6)],
    ["&targetType=tenure&sourceDomain=Tenure", range(10, 12)],
    [`&from=${encodeURIComponent(at(105.5))}&to=${encodeURIComponent(at(14.5))}`, [...range(15, 7), ...range(100, 6)]],
  ])("with %s pages by token through exactly the matching records, newest first", async (filters, expected) => {
    expect(await walk(filters)).toEqual(expected);
  });

  it("answers 404 when a filter leaves nothing", async () => {
    expect((await get(`/api/v1/activityhistory?targetId=${targetId}&sourceDomain=Person`)).status).toBe(404);
  });
});
