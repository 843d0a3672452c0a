import type { Account, Profile, User as AuthUser } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { users } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { entraIdIssuer, googleIssuer } from "@/lib/auth/single-sign-on";
import { resetSettings } from "@/lib/config/settings";
import { getAuthOptions } from "./auth-options";

// next-auth's signIn and jwt callbacks called as its OAuth callback calls them after Entra ID or
// Google answered, with account and profile objects made up here: no identity provider is asked.

const database = setUpTestDatabase();
const tenantId = "7d1c5e0a-1111-4222-8333-444455556666";
const people = {
  hana: "hana.sso@council.example",
  rob: "rob.sso@council.example",
  grace: "grace.sso@council.example",
  dee: "dee.sso@council.example",
  ivy: "ivy.sso@council.example",
};
const ids: Record<string, string> = {};

beforeAll(async () => {
  vi.stubEnv("AUTH_MICROSOFT_ENTRA_ID_ID", "client-id");
  vi.stubEnv("AUTH_MICROSOFT_ENTRA_ID_SECRET", "client-secret");
  vi.stubEnv("AUTH_MICROSOFT_ENTRA_ID_TENANT_ID", tenantId);
  vi.stubEnv("AUTH_GOOGLE_ID", "google-id");
  vi.stubEnv("AUTH_GOOGLE_SECRET", "google-secret");
  resetSettings();
  const rows = await database.handle.db
    .insert(users)
    .values(Object.entries(people).map(([name, email]) => ({ email, name, roles: ["housing-officer" as const] })))
    .returning();
  for (const row of rows) ids[row.name] = row.id;
});

afterAll(() => {
  vi.unstubAllEnvs();
  resetSettings();
});

type SignIn = { account: Account; profile: Profile; email: string };

/** Entra ID as next-auth sees it: the profile from userinfo (pairwise `sub`), the ID token with `oid`. */
function entra(objectId: string, email: string): SignIn {
  const claims = { oid: objectId, tid: tenantId, sub: `pairwise-${objectId}`, email };
  const idToken = ["e30", Buffer.from(JSON.stringify(claims)).toString("base64url"), "signature"].join(".");
  return {
    account: { provider: "azure-ad", type: "oauth", providerAccountId: claims.sub, id_token: idToken },
    profile: { sub: claims.sub, email },
    email,
  };
}

function google(subject: string, email: string, emailVerified = true): SignIn {
  const profile = { sub: subject, email, email_verified: emailVerified, iss: googleIssuer } as Profile;
  return { account: { provider: "google", type: "oauth", providerAccountId: subject }, profile, email };
}

/** What signIn answers, and whom the token minted after it names (null when refused). */
async function signIn({ account, profile, email }: SignIn): Promise<{ admitted: boolean; userId: string | null }> {
  const { callbacks } = getAuthOptions();
  const user: AuthUser = { id: account.providerAccountId, email, name: "From the provider" };
  const admitted = (await callbacks!.signIn!({ user, account, profile })) === true;
  if (!admitted) return { admitted, userId: null };
  const token = (await callbacks!.jwt!({ token: { sub: user.id, email }, user, account, profile })) as JWT;
  return { admitted, userId: token.sub ?? null };
}

const linkOf = async (userId: string) => {
  const [row] = await database.handle.db
    .select({ issuer: users.ssoIssuer, subject: users.ssoSubject })
    .from(users)
    .where(eq(users.id, userId));
  return row;
};

describe("single sign-on", () => {
  it("links a set-up person at their first sign-in, by email in any case, to the Entra object id", async () => {
    expect(await signIn(entra("oid-hana", people.hana.toUpperCase()))).toEqual({ admitted: true, userId: ids.hana });
    expect(await linkOf(ids.hana!)).toEqual({ issuer: entraIdIssuer(tenantId), subject: "oid-hana" });
  });

  it("then signs them in by that id alone, whatever email the directory now gives", async () => {
    await signIn(entra("oid-rob", people.rob));
    expect(await signIn(entra("oid-rob", "robert.hughes@council.example"))).toEqual({
      admitted: true,
      userId: ids.rob,
    });
  });

  it("refuses another identity claiming a linked person's email", async () => {
    await signIn(entra("oid-grace", people.grace));
    expect(await signIn(entra("oid-someone-else", people.grace))).toEqual({ admitted: false, userId: null });
    expect(await signIn(google("google-123", people.grace))).toEqual({ admitted: false, userId: null });
    expect(await linkOf(ids.grace!)).toEqual({ issuer: entraIdIssuer(tenantId), subject: "oid-grace" });
  });

  it("links a Google account by its sub, but not on an address Google has not verified", async () => {
    expect(await signIn(google("google-dee", people.dee, false))).toEqual({ admitted: false, userId: null });
    expect(await signIn(google("google-dee", people.dee))).toEqual({ admitted: true, userId: ids.dee });
    expect(await linkOf(ids.dee!)).toEqual({ issuer: googleIssuer, subject: "google-dee" });
  });

  it("refuses someone nobody set up, and an Entra ID token without an object id", async () => {
    expect(await signIn(entra("oid-stranger", "stranger@council.example"))).toEqual({
      admitted: false,
      userId: null,
    });
    const withoutObjectId = entra("ignored", people.ivy);
    withoutObjectId.account.id_token = "e30.e30.signature";
    expect((await signIn(withoutObjectId)).admitted).toBe(false);
    expect(await linkOf(ids.ivy!)).toEqual({ issuer: null, subject: null });
  });
});
