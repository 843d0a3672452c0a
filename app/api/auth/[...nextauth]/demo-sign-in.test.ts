import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { users } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { resetSettings } from "@/lib/config/settings";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";
import { callAuthEndpoint, demoSignIn, sessionCookieSetBy } from "@/lib/next-bridge/testing/auth-endpoints";

// The demo sign-in, posted as its button posts it, through the real next-auth endpoints.

const database = setUpTestDatabase();
let demo: DemoCallers;
let realAdminId: string;
let disabledDemoId: string;

beforeAll(async () => {
  vi.stubEnv("AUTH_TRUST_HOST", "true");
  vi.stubEnv("NEXTAUTH_URL", undefined);
  demo = await setUpDemoCallers(database.handle.db);
  const [realAdmin, disabledDemo] = await database.handle.db
    .insert(users)
    .values([
      { email: "it.admin@council.example", name: "Real Admin", roles: ["admin"] },
      { email: "gone@council.example", name: "Gone", roles: ["admin"], isDemo: true, disabledAt: new Date() },
    ])
    .returning();
  realAdminId = realAdmin!.id;
  disabledDemoId = disabledDemo!.id;
});

afterEach(() => {
  vi.stubEnv("AUTH_DEMO", undefined);
  resetSettings();
});

describe("demo sign-in", () => {
  it("signs in a demo person, the demo administrator included", async () => {
    for (const name of ["rosa", "alex"]) {
      const response = await demoSignIn(demo.people[name]!.id);
      expect(response.status).toBe(200);
      expect(sessionCookieSetBy(response)).not.toBeNull();
    }
  });

  it.each([
    ["a person set up for real, an administrator", () => realAdminId],
    ["a disabled demo person", () => disabledDemoId],
    ["an id nobody has", () => "00000000-0000-4000-8000-000000000000"],
    ["something that is no id", () => "alex"],
  ])("refuses %s", async (_case, userId) => {
    const response = await demoSignIn(userId());
    expect(response.status).toBe(401);
    expect(sessionCookieSetBy(response)).toBeNull();
    expect((await response.json()).url).toContain("error=CredentialsSignin");
  });

  it("does not exist when AUTH_DEMO is off", async () => {
    vi.stubEnv("AUTH_DEMO", "false");
    resetSettings();
    const providers = await (await callAuthEndpoint("GET", "/providers")).json();
    expect(providers).not.toHaveProperty("demo");
    expect(sessionCookieSetBy(await demoSignIn(demo.people.alex!.id))).toBeNull();
  });
});
