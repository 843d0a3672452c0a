import { encode } from "next-auth/jwt";
import { getAuthSecret } from "@/lib/auth/secret";

/**
 * A real next-auth session cookie for a user id, as the browser would send it after sign-in (a
 * person who never signed out is at session version 0). Signed with this process's secret unless
 * told another (a benchmark signs for the app it started).
 */
export async function sessionCookieFor(
  userId: string,
  secret: string = getAuthSecret(),
  sessionVersion = 0,
): Promise<string> {
  const token = await encode({ token: { sub: userId, sessionVersion }, secret });
  return `next-auth.session-token=${token}`;
}
