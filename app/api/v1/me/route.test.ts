import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedDemoData } from "@/db/seed/seed-demo-data";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { listDemoUsers } from "@/lib/auth/people";
import { resetSettings } from "@/lib/config/settings";
import { sessionCookieFor } from "@/lib/next-bridge/session-cookie";
import { GET } from "./route";

const database = setUpTestDatabase();
const apiKey = "nck_me-route-test-key-000000000000";
const context = { params: Promise.resolve({}) };

beforeAll(async () => {
  await seedDemoData(database.handle.db, { demoApiKey: apiKey });
});

describe("GET /api/v1/me", () => {
  it("describes a client service calling with its key", async () => {
    const response = await GET(
      new Request("http://test/api/v1/me", { headers: { authorization: `Bearer ${apiKey}` } }),
      context,
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ kind: "client", name: "demo-service" });
    expect(JSON.stringify(body)).not.toContain(apiKey);
  });

  it("describes a signed-in person with roles and teams", async () => {
    const manager = (await listDemoUsers(database.handle.db)).find((user) => user.roles.includes("finance-manager"))!;
    const response = await GET(
      new Request("http://test/api/v1/me", { headers: { cookie: await sessionCookieFor(manager.id) } }),
      context,
    );
    expect(await response.json()).toMatchObject({
      kind: "person",
      name: manager.name,
      roles: ["finance-manager"],
      teams: ["finance"],
    });
  });

  it("answers 401 problem+json to an anonymous caller, with a correlation id", async () => {
    const response = await GET(new Request("http://test/api/v1/me"), context);
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("x-correlation-id")).toBeTruthy();
  });
});

describe("GET /api/v1/me with the council gateway's token (HACKNEY_JWT_SECRET)", () => {
  const secret = "me-route-test-gateway-secret-0123456789";
  const sign = (expiresAt: number) =>
    new SignJWT({ email: "alex.morgan@hackney.gov.uk", name: "Alex", groups: [] })
      .setProtectedHeader({ alg: "HS256" })
      .setExpirationTime(expiresAt)
      .sign(new TextEncoder().encode(secret));
  const now = () => Math.floor(Date.now() / 1000);
  const withBearer = (token: string) =>
    GET(new Request("http://test/api/v1/me", { headers: { authorization: `Bearer ${token}` } }), context);

  beforeAll(() => {
    vi.stubEnv("HACKNEY_JWT_SECRET", secret);
    resetSettings();
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    resetSettings();
  });

  it("describes the person the token names", async () => {
    const admin = (await listDemoUsers(database.handle.db)).find((user) => user.roles.includes("admin"))!;
    const token = await new SignJWT({ email: admin.email!, name: admin.name })
      .setProtectedHeader({ alg: "HS256" })
      .sign(new TextEncoder().encode(secret));
    const response = await withBearer(token);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ kind: "person", id: admin.id, roles: ["admin"] });
  });

  it("answers 401 problem+json to an expired token, saying so", async () => {
    const response = await withBearer(await sign(now() - 60));
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({
      status: 401,
      detail: "The gateway token has expired; sign in again",
    });
  });
});
