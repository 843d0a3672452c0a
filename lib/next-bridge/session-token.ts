import { decode } from "next-auth/jwt";
import { getAuthSecret } from "@/lib/auth/secret";

// next-auth names the cookie by whether it was set over HTTPS.
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const sessionCookieNames = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/** The signed-in person's user id from the session cookie, or null for no or an invalid session. */
export async function readSessionUserId(cookieHeader: string | null): Promise<string | null> {
  if (!cookieHeader) return null;
  const cookies = parseCookieHeader(cookieHeader);
  const token = sessionCookieNames.map((name) => cookies.get(name)).find(Boolean);
  if (!token) return null;
  const now = Date.now();
  const cached = decodedSessions.get(token);
  if (cached) return cached.expiresAt > now ? cached.userId : null;
  try {
    const payload = await decode({ token, secret: getAuthSecret() });
    const userId = typeof payload?.sub === "string" && uuidPattern.test(payload.sub) ? payload.sub : null;
    if (userId && typeof payload?.exp === "number") remember(token, { userId, expiresAt: payload.exp * 1000 });
    return userId;
  } catch {
    return null;
  }
}

// next-auth derives the decryption key (HKDF) and decrypts the JWE on every call, which cost a
// signed-in person's requests about a third of their throughput (bench:api). A token always
// decodes to the same payload, so the answer is kept, bounded, until the token's own expiry.
// The person is still read from the database on every request; only the cookie is not re-decrypted.
const maxDecodedSessions = 10_000;
const decodedSessions = new Map<string, { userId: string; expiresAt: number }>();

function remember(token: string, session: { userId: string; expiresAt: number }): void {
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
