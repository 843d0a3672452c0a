import { encode } from "next-auth/jwt";
import { getAuthSecret } from "@/lib/auth/secret";

/** A real next-auth session cookie for a user id, as the browser would send it after sign-in. */
export async function sessionCookieFor(userId: string): Promise<string> {
  const token = await encode({ token: { sub: userId }, secret: getAuthSecret() });
  return `next-auth.session-token=${token}`;
}
