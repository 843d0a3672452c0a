import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { seedDemoData } from "@/db/seed/seed-demo-data";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { ApiError } from "@/lib/api/errors";
import { sessionCookieFor } from "@/lib/next-bridge/session-cookie";
import { listDemoUsers } from "./people";
import { resolveCaller } from "./resolve-caller";

const database = setUpTestDatabase();
const apiKey = "nck_resolve-caller-test-key-000000";

beforeAll(async () => {
  await seedDemoData(database.handle.db, { demoApiKey: apiKey });
});

async function statusOf(headers: Record<string, string>): Promise<number> {
  const error = await resolveCaller(database.handle.db, new Headers(headers)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  return (error as ApiError).status;
}

describe("resolveCaller", () => {
  it("knows a client service by its API key", async () => {
    const caller = await resolveCaller(database.handle.db, new Headers({ authorization: `Bearer ${apiKey}` }));
    expect(caller).toMatchObject({ kind: "client", name: "demo-service" });
  });

  it("knows a person by their session cookie, with roles, teams and scopes", async () => {
    const [officer] = await listDemoUsers(database.handle.db);
    const caller = await resolveCaller(
      database.handle.db,
      new Headers({ cookie: await sessionCookieFor(officer!.id) }),
    );
    expect(caller).toMatchObject({
      kind: "person",
      id: officer!.id,
      roles: ["finance-officer"],
      teams: ["finance"],
      scopes: ["notifications:read", "activity:read"],
    });
  });

  it("gives a resident read scopes only", async () => {
    const resident = (await listDemoUsers(database.handle.db)).find((user) => user.roles.includes("resident"))!;
    const caller = await resolveCaller(
      database.handle.db,
      new Headers({ cookie: await sessionCookieFor(resident.id) }),
    );
    expect(caller.scopes).toEqual(["notifications:read", "activity:read"]);
  });

  it.each([
    ["no credentials", {}],
    ["an unknown key", { authorization: "Bearer nck_unknown" }],
    ["a Basic header", { authorization: "Basic dXNlcjpwYXNz" }],
    ["an empty Bearer", { authorization: "Bearer " }],
    ["a forged session cookie", { cookie: "next-auth.session-token=forged.jwt.value" }],
  ])("answers 401 for %s", async (_case, headers) => {
    expect(await statusOf(headers)).toBe(401);
  });

  it("does not fall back to the session when a bad API key is sent", async () => {
    const [officer] = await listDemoUsers(database.handle.db);
    expect(await statusOf({ authorization: "Bearer nck_wrong", cookie: await sessionCookieFor(officer!.id) })).toBe(
      401,
    );
  });

  it("refuses a session for a person who has since been disabled", async () => {
    const [, colleague] = await listDemoUsers(database.handle.db);
    await database.handle.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, colleague!.id));
    expect(await statusOf({ cookie: await sessionCookieFor(colleague!.id) })).toBe(401);
  });
});
