import { beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "@/db/seed/seed-demo-data";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { createApiClient } from "@/lib/auth/api-clients";
import { listDemoUsers } from "@/lib/auth/people";
import { sessionCookieFor } from "@/lib/next-bridge/session-cookie";
import { ApiError } from "./errors";
import { personRequestLimiter } from "./rate-limit";
import { jsonResponse } from "./responses";
import { withAuth } from "./with-auth";

const database = setUpTestDatabase();
let readOnlyKey = "";

beforeAll(async () => {
  await seedDemoData(database.handle.db, { demoApiKey: "nck_with-auth-test-key-00000000000" });
  ({ key: readOnlyKey } = await createApiClient(database.handle.db, { name: "reader", scopes: ["activity:read"] }));
});

const context = { params: Promise.resolve({ id: "42" }) };

function call(handler: ReturnType<typeof withAuth<{ id: string }>>, headers: Record<string, string>) {
  return handler(new Request("http://test/api/v1/things/42", { headers }), context);
}

describe("withAuth", () => {
  const echo = withAuth<{ id: string }>(
    async ({ params, caller }) => jsonResponse({ id: params.id, who: caller.kind }),
    {
      scopes: ["activity:read"],
    },
  );

  it("passes the awaited params and caller to the handler and tags the response", async () => {
    const response = await call(echo, { authorization: `Bearer ${readOnlyKey}`, "x-correlation-id": "trace-1" });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-correlation-id")).toBe("trace-1");
    expect(await response.json()).toEqual({ id: "42", who: "client" });
  });

  it("marks every answer, success or problem, not to be stored, sniffed or framed", async () => {
    const denied = withAuth(async () => jsonResponse({}), { scopes: ["activity:write"] });
    for (const response of [
      await call(echo, { authorization: `Bearer ${readOnlyKey}` }),
      await call(denied, { authorization: `Bearer ${readOnlyKey}` }),
      await call(echo, {}),
    ]) {
      expect(Object.fromEntries(response.headers)).toMatchObject({
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
        "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
        "referrer-policy": "strict-origin-when-cross-origin",
      });
    }
  });

  it("answers 403 naming the missing scope", async () => {
    const writer = withAuth(async () => jsonResponse({}), { scopes: ["activity:write"] });
    const response = await call(writer, { authorization: `Bearer ${readOnlyKey}` });
    expect(response.status).toBe(403);
    expect((await response.json()).detail).toContain("activity:write");
  });

  it("answers 401 with a Bearer challenge when nobody is calling", async () => {
    const response = await call(echo, {});
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });

  it("turns errors thrown by the handler into problem responses with the correlation id", async () => {
    const failing = withAuth(async () => {
      throw new ApiError("conflict", "Already done");
    });
    const response = await call(failing, { authorization: `Bearer ${readOnlyKey}`, "x-correlation-id": "trace-2" });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ detail: "Already done", correlationId: "trace-2" });
  });

  it("never answers a crash with its internals", async () => {
    const crashing = withAuth(async () => {
      throw new Error("connection string postgres://user:hunter2@db");
    });
    const response = await call(crashing, { authorization: `Bearer ${readOnlyKey}` });
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain("hunter2");
  });

  it("limits the requests a minute of each signed-in person, not of everyone", async () => {
    const [first, second] = await listDemoUsers(database.handle.db);
    const open = withAuth(async () => jsonResponse({}));
    const cookie = await sessionCookieFor(first!.id);
    // All but the last of the minute's requests counted up front (600 real ones took ~12 s).
    await personRequestLimiter.consumeAll(database.handle.db, new Map([[first!.id, personRequestLimiter.limit - 1]]));
    expect((await call(open, { cookie })).status).toBe(200);
    const refused = await call(open, { cookie });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await call(open, { cookie: await sessionCookieFor(second!.id) })).status).toBe(200);
  });
});
