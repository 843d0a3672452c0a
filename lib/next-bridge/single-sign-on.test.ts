import type { Account, Profile, User as AuthUser } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { teamMembers, teams, users } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { emailOfNoAccessLink } from "@/lib/auth/no-access-link";
import { getAuthSecret } from "@/lib/auth/secret";
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
// An Entra ID security group's object id, as the ID token's `groups` claim gives it.
const financeGroup = "3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b";

beforeAll(async () => {
  vi.stubEnv("AUTH_MICROSOFT_ENTRA_ID_ID", "client-id");
  vi.stubEnv("AUTH_MICROSOFT_ENTRA_ID_SECRET", "client-secret");
  vi.stubEnv("AUTH_MICROSOFT_ENTRA_ID_TENANT_ID", tenantId);
  vi.stubEnv("AUTH_GOOGLE_ID", "google-id");
  vi.stubEnv("AUTH_GOOGLE_SECRET", "google-secret");
  vi.stubEnv("ADMIN_EMAILS", "first.admin@council.example");
  vi.stubEnv("SSO_GROUP_MAP", JSON.stringify({ [financeGroup]: { teams: ["finance"], roles: ["finance-officer"] } }));
  resetSettings();
  await database.handle.db.insert(teams).values({ key: "finance", name: "Finance" });
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
function entra(objectId: string, email: string, groups?: string[]): SignIn {
  const claims = { oid: objectId, tid: tenantId, sub: `pairwise-${objectId}`, email, ...(groups && { groups }) };
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

/** What signIn answers: true, or where a refusal is sent. */
async function signInAnswer({ account, profile, email }: SignIn) {
  const { callbacks } = getAuthOptions();
  const user: AuthUser = { id: account.providerAccountId, email, name: "From the provider" };
  return { user, answer: await callbacks!.signIn!({ user, account, profile }) };
}

/** Whether signIn admits, and whom the token minted after it names (null when refused). */
async function signIn(signingIn: SignIn): Promise<{ admitted: boolean; userId: string | null }> {
  const { callbacks } = getAuthOptions();
  const { account, profile } = signingIn;
  const { user, answer } = await signInAnswer(signingIn);
  const admitted = answer === true;
  if (!admitted) return { admitted, userId: null };
  const email = signingIn.email;
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

  it("sends someone it refuses to the no-access page, naming the email they signed in with", async () => {
    const { answer } = await signInAnswer(entra("oid-nobody", "nobody@council.example"));
    expect(typeof answer).toBe("string");
    const url = new URL(answer as string, "http://localhost");
    expect(url.pathname).toBe("/signin/no-access");
    const [email, check] = [url.searchParams.get("email") ?? undefined, url.searchParams.get("check") ?? undefined];
    expect(emailOfNoAccessLink(email, check, getAuthSecret())).toBe("nobody@council.example");
  });

  it("creates someone whose Entra ID groups map, with the mapped team and role, and signs them in", async () => {
    const { admitted, userId } = await signIn(entra("oid-fay", "fay.finance@council.example", [financeGroup]));
    expect(admitted).toBe(true);
    const [person] = await database.handle.db.select().from(users).where(eq(users.id, userId!));
    expect(person).toMatchObject({ name: "From the provider", roles: ["finance-officer"], ssoSubject: "oid-fay" });
    const memberships = await database.handle.db.select().from(teamMembers).where(eq(teamMembers.userId, userId!));
    expect(memberships).toHaveLength(1);
  });

  it("creates the first admin from ADMIN_EMAILS through Google, which gives no groups", async () => {
    const { admitted, userId } = await signIn(google("google-first-admin", "First.Admin@council.example"));
    expect(admitted).toBe(true);
    const [person] = await database.handle.db.select().from(users).where(eq(users.id, userId!));
    expect(person).toMatchObject({ roles: ["admin"], ssoIssuer: googleIssuer, ssoSubject: "google-first-admin" });
  });
});
