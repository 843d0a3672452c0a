import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users, type User } from "@/db/schema";

/**
 * Who an identity provider says signed in: its issuer, the stable id it gives them, the email it
 * claims, and (Entra ID only) the groups the ID token lists, for SSO_GROUP_MAP.
 */
export type SsoIdentity = { issuer: string; subject: string; email: string; groups?: string[] };

/** The parts of next-auth's account and OAuth profile an identity is read from. */
export type SsoAccount = { provider: string; providerAccountId: string; id_token?: string };
export type SsoProfile = object | undefined;

export const googleIssuer = "https://accounts.google.com";
export const entraIdIssuer = (tenantId: string) => `https://login.microsoftonline.com/${tenantId}/v2.0`;

/**
 * The identity behind an SSO sign-in, or null when it cannot be told (refuse the sign-in). The
 * issuer comes from our own configuration, not the claims. Entra ID's subject is the object id
 * (`oid`), the same for the person in every app of the tenant, so registering the app again does
 * not lock everyone out; it is read from the ID token, which next-auth got straight from the token
 * endpoint over TLS (OpenID Connect Core 3.1.3.7). Google's is `sub`, the profile's id.
 */
export function ssoIdentityOf(
  account: SsoAccount,
  profile: SsoProfile,
  email: string | null | undefined,
  entraTenantId: string | undefined,
): SsoIdentity | null {
  if (!email) return null;
  if (account.provider === "azure-ad" && entraTenantId) {
    const claims = idTokenClaims(account.id_token);
    const objectId = claims?.oid;
    return typeof objectId === "string" && objectId
      ? { issuer: entraIdIssuer(entraTenantId), subject: objectId, email, groups: groupsOf(claims) }
      : null;
  }
  if (account.provider === "google" && account.providerAccountId) {
    // An address Google has not verified cannot prove who the person is at their first sign-in.
    if (profile && "email_verified" in profile && profile.email_verified === false) return null;
    return { issuer: googleIssuer, subject: account.providerAccountId, email };
  }
  return null;
}

/** The active person linked to this identity, or null. */
export async function findLinkedPerson(db: Database, identity: SsoIdentity): Promise<User | null> {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.ssoIssuer, identity.issuer), eq(users.ssoSubject, identity.subject), isNull(users.disabledAt)));
  return user ?? null;
}

/**
 * The `groups` claim: object ids, or names (sAMAccountName) if the app registration is set to emit
 * them. Someone in more groups than fit in a token (over 200) gets none here, only a pointer to
 * Microsoft Graph, so the README asks for "groups assigned to the application" to be emitted.
 */
function groupsOf(claims: Record<string, unknown> | null): string[] {
  const groups = claims?.groups;
  return Array.isArray(groups) ? groups.filter((group): group is string => typeof group === "string") : [];
}

function idTokenClaims(idToken: string | undefined): Record<string, unknown> | null {
  const payload = idToken?.split(".")[1];
  if (!payload) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    return typeof claims === "object" && claims !== null ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
