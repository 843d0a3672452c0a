import { decode, type JWT } from "next-auth/jwt";
import type { SessionClaims } from "@/lib/auth/people";
import { getAuthSecret } from "@/lib/auth/secret";
import { uuidPattern } from "@/lib/format/uuid";

// next-auth names the cookie by whether it was set over HTTPS.
const sessionCookieNames = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/**
 * Whose session the cookie is and the session version it was minted with, or null for no or an
 * invalid cookie. Whether that version is still the person's is for findPersonCaller to say.
 */
export async function readSession(cookieHeader: string | null): Promise<SessionClaims | null> {
  if (!cookieHeader) return null;
  const cookies = parseCookieHeader(cookieHeader);
  const token = sessionCookieNames.map((name) => cookies.get(name)).find(Boolean);
  if (!token) return null;
  const now = Date.now();
  const cached = decodedSessions.get(token);
  if (cached) return cached.expiresAt > now ? cached.session : null;
  try {
    const payload = await decode({ token, secret: getAuthSecret() });
    const session = payload ? sessionClaimsOf(payload) : null;
    if (session && typeof payload?.exp === "number") remember(token, { session, expiresAt: payload.exp * 1000 });
    return session;
  } catch {
    return null;
  }
}

/** The claims of a decoded token; one minted before session versions existed counts as version 0. */
export function sessionClaimsOf(token: JWT): SessionClaims | null {
  if (typeof token.sub !== "string" || !uuidPattern.test(token.sub)) return null;
  const version = token.sessionVersion ?? 0;
  return Number.isSafeInteger(version) && version >= 0 ? { userId: token.sub, sessionVersion: version } : null;
}

// next-auth derives the decryption key (HKDF) and decrypts the JWE on every call, which cost a
// signed-in person's requests about a third of their throughput (bench:api). A token always
// decodes to the same payload, so the answer is kept, bounded, until the token's own expiry.
// The person is still read from the database on every request; only the cookie is not re-decrypted.
const maxDecodedSessions = 10_000;
const decodedSessions = new Map<string, { session: SessionClaims; expiresAt: number }>();

function remember(token: string, session: { session: SessionClaims; expiresAt: number }): void {
  if (decodedSessions.size >= maxDecodedSessions) {
    const oldest = decodedSessions.keys().next().value;
    if (oldest !== undefined) decodedSessions.delete(oldest);
  }
  decodedSessions.set(token, session);
}

/** A Cookie header's name → value pairs, values URL-decoded where they can be. */
export function parseCookieHeader(header: string): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of header.split(";")) {
    const separator = part.indexOf("=");
    if (separator < 0) continue;
    const name = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    try {
      cookies.set(name, decodeURIComponent(value));
    } catch {
      cookies.set(name, value);
    }
  }
  return cookies;
}
