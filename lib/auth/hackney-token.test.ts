import { eq, sql } from "drizzle-orm";
import { SignJWT, type JWTPayload } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { activities, teams, users } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { ApiError } from "@/lib/api/errors";
import { resetSettings } from "@/lib/config/settings";
import { sessionCookieFor } from "@/lib/next-bridge/session-cookie";
import { resolveCaller } from "./resolve-caller";

// The council's API gateway tokens (HS256 JWTs carrying email, name and groups), signed here with
// jose as the gateway would sign them, and the hand-made ones it never would.

const database = setUpTestDatabase();
const db = () => database.handle.db;
const secret = "the-gateway-secret-shared-with-this-service";
const key = new TextEncoder().encode(secret);
const financeGroup = "finance-officers";

beforeAll(async () => {
  vi.stubEnv("HACKNEY_JWT_SECRET", secret);
  vi.stubEnv(
    "SSO_GROUP_MAP",
    JSON.stringify({
      [financeGroup]: { teams: ["finance"], roles: ["finance-officer"] },
      "housing-officers": { teams: [], roles: ["housing-officer"] },
    }),
  );
  resetSettings();
  await db().insert(teams).values({ key: "finance", name: "Finance" });
  await db()
    .insert(users)
    .values([
      { email: "hana.housing@council.example", name: "Hana Housing", roles: ["housing-officer"] },
      { email: "dee.disabled@council.example", name: "Dee", roles: ["housing-officer"], disabledAt: new Date() },
    ]);
});

afterAll(() => {
  vi.unstubAllEnvs();
  resetSettings();
});

type Signing = { alg?: string; key?: Uint8Array; expiresIn?: string | number };

function sign(payload: JWTPayload, { alg = "HS256", key: signingKey = key, expiresIn = "1h" }: Signing = {}) {
  return new SignJWT(payload)
    .setProtectedHeader({ alg, typ: "JWT" })
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(signingKey);
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** An unsecured token (`alg: none`, no signature), made by hand: no library signs one. */
const unsecured = (payload: object) => `${base64url({ alg: "none", typ: "JWT" })}.${base64url(payload)}.`;

const bearer = (token: string) => new Headers({ authorization: `Bearer ${token}` });

async function refusal(headers: Headers): Promise<{ status: number; detail: string }> {
  const error = await resolveCaller(db(), headers).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  return { status: (error as ApiError).status, detail: (error as ApiError).message };
}

const hana = { email: "hana.housing@council.example", name: "Hana Housing", groups: ["some-other-group"] };

describe("council gateway tokens", () => {
  it("sign in a person in the directory by the token's email, with their roles and teams", async () => {
    const caller = await resolveCaller(db(), bearer(await sign({ ...hana, email: "HANA.housing@council.example" })));
    expect(caller).toMatchObject({ kind: "person", name: "Hana Housing", roles: ["housing-officer"], teams: [] });
  });

  it("create a person whose groups map, with the mapped team and role", async () => {
    const token = await sign({ email: "fin.new@council.example", name: "Fin New", groups: [financeGroup] });
    const caller = await resolveCaller(db(), bearer(token));
    expect(caller).toMatchObject({ kind: "person", name: "Fin New", roles: ["finance-officer"], teams: ["finance"] });
  });

  // A token comes with every API call: only a change of person or groups may write. The row's system
  // columns show any write (xmin, ctid) and any row lock (a SELECT … FOR UPDATE leaves its xmax).
  it("write and lock nothing on a call that changes nothing, and follow the groups when they change", async () => {
    const email = "gail.gateway@council.example";
    const token = await sign({ email, name: "Gail Gateway", groups: [financeGroup] });
    const { id } = await resolveCaller(db(), bearer(token));
    const rowState = async () => {
      const [row] = await db()
        .select({
          version: sql<string>`xmin::text || '/' || xmax::text || '/' || ctid::text`,
          updatedAt: users.updatedAt,
        })
        .from(users)
        .where(eq(users.id, id));
      return row;
    };
    const historyCount = async () => (await db().select().from(activities).where(eq(activities.targetId, id))).length;
    const [before, historyBefore] = [await rowState(), await historyCount()];
    await resolveCaller(db(), bearer(token));
    await resolveCaller(db(), new Headers({ cookie: `hackneyToken=${token}` }));
    expect(await rowState()).toEqual(before);
    expect(await historyCount()).toBe(historyBefore);

    const noGroups = await sign({ email, name: "Gail Gateway", groups: [] });
    await resolveCaller(db(), bearer(noGroups));
    expect(await rowState(), "a token without mapped groups leaves the record as it is").toEqual(before);
    const moved = await sign({ email, name: "Gail Gateway", groups: [financeGroup, "housing-officers"] });
    expect(await resolveCaller(db(), bearer(moved))).toMatchObject({ roles: ["finance-officer", "housing-officer"] });
    expect(await historyCount()).toBe(historyBefore + 1);
  });

  it("are read from the hackneyToken cookie when there is no Authorization header and no session", async () => {
    const caller = await resolveCaller(db(), new Headers({ cookie: `other=1; hackneyToken=${await sign(hana)}` }));
    expect(caller).toMatchObject({ kind: "person", name: "Hana Housing" });
  });

  it("give way to a signed-in session", async () => {
    const [fin] = await db().select().from(users).where(eq(users.email, "fin.new@council.example"));
    const cookie = `${await sessionCookieFor(fin!.id)}; hackneyToken=${await sign(hana)}`;
    expect(await resolveCaller(db(), new Headers({ cookie }))).toMatchObject({ kind: "person", id: fin!.id });
  });

  it.each([
    ["an expired token", () => sign(hana, { expiresIn: Math.floor(Date.now() / 1000) - 60 }), /expired/],
    [
      "a token signed with another secret",
      () => sign(hana, { key: new TextEncoder().encode(`${secret}-not`) }),
      /signature/,
    ],
    [
      "an unsigned token (alg: none)",
      async () => unsecured({ ...hana, exp: Math.floor(Date.now() / 1000) + 3600 }),
      /HS256/,
    ],
    ["a token signed with HS512", () => sign(hana, { alg: "HS512" }), /HS256/],
    ["a token without an email", () => sign({ name: "No Email", groups: [financeGroup] }), /email/],
    ["a service token (consumerType)", () => sign({ ...hana, consumerType: 1 }), /API key/],
    ["a token that is not JSON inside", async () => "abc.def.ghi", /could not be read/],
    [
      "the token of someone neither in the directory nor in a mapped group",
      () => sign({ email: "stranger@council.example", name: "Stranger", groups: ["unmapped"] }),
      /ask your administrator/,
    ],
    [
      "the token of a disabled person",
      () => sign({ ...hana, email: "dee.disabled@council.example" }),
      /ask your administrator/,
    ],
  ])("refuse %s with a 401 that says why", async (_case, makeToken, detail) => {
    const token = await makeToken();
    const fromHeader = await refusal(bearer(token));
    expect(fromHeader.status).toBe(401);
    expect(fromHeader.detail).toMatch(detail);
    const fromCookie = await refusal(new Headers({ cookie: `hackneyToken=${token}` }));
    expect(fromCookie).toEqual(fromHeader);
  });

  it("are only unknown API keys when no gateway secret is configured", async () => {
    vi.stubEnv("HACKNEY_JWT_SECRET", "");
    resetSettings();
    try {
      expect(await refusal(bearer(await sign(hana)))).toEqual({
        status: 401,
        detail: "The API key is not valid or has been revoked",
      });
      expect((await refusal(new Headers({ cookie: `hackneyToken=${await sign(hana)}` }))).status).toBe(401);
    } finally {
      vi.stubEnv("HACKNEY_JWT_SECRET", secret);
      resetSettings();
    }
  });
});
