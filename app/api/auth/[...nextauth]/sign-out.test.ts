import { beforeAll, describe, expect, it, vi } from "vitest";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";
import { resolveCaller } from "@/lib/auth/resolve-caller";
import { callAuthEndpoint, demoSignIn, sessionCookieSetBy, signOut } from "@/lib/next-bridge/testing/auth-endpoints";

// Sign-in and sign-out through the real next-auth endpoints; the cookies they set are then used
// as the browser would use them, on the API (resolveCaller) and on next-auth's own session read.

const database = setUpTestDatabase();
let demo: DemoCallers;

beforeAll(async () => {
  vi.stubEnv("AUTH_TRUST_HOST", "true");
  vi.stubEnv("NEXTAUTH_URL", undefined);
  demo = await setUpDemoCallers(database.handle.db);
});

async function signedIn(name: string): Promise<string> {
  const response = await demoSignIn(demo.people[name]!.id);
  const cookie = sessionCookieSetBy(response);
  if (!cookie) throw new Error(`${name} was not signed in (${response.status})`);
  return cookie;
}

async function apiCallerOf(cookie: string): Promise<string | null> {
  const caller = await resolveCaller(database.handle.db, new Headers({ cookie })).catch(() => null);
  return caller?.id ?? null;
}

async function sessionUserOf(cookie: string): Promise<string | null> {
  const response = await callAuthEndpoint("GET", "/session", { headers: { cookie } });
  const session = (await response.json()) as { user?: { id: string } };
  return session.user?.id ?? null;
}

describe("signing out", () => {
  it("ends that session and every other the person had, on the API and on next-auth's session", async () => {
    const fionaId = demo.people.fiona!.id;
    const laptop = await signedIn("fiona");
    const phone = await signedIn("fiona");
    const colleague = await signedIn("farid");
    expect([await apiCallerOf(laptop), await sessionUserOf(phone)]).toEqual([fionaId, fionaId]);

    expect((await signOut(laptop)).status).toBe(200);

    for (const cookie of [laptop, phone]) {
      expect(await apiCallerOf(cookie)).toBeNull();
      expect(await sessionUserOf(cookie)).toBeNull();
    }
    expect(await apiCallerOf(colleague)).toBe(demo.people.farid!.id);
  });

  it("lets the person sign in again, and an ended session's sign-out does not end the new one", async () => {
    const old = await signedIn("grace");
    await signOut(old);
    const fresh = await signedIn("grace");
    expect(await apiCallerOf(fresh)).toBe(demo.people.grace!.id);
    await signOut(old);
    expect(await apiCallerOf(fresh)).toBe(demo.people.grace!.id);
  });
});
