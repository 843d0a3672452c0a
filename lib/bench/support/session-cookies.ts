import { encode } from "next-auth/jwt";

/**
 * Real next-auth session cookies, as a browser sends them after sign-in, signed with the secret
 * the app under test was started with (lib/next-bridge/session-cookie.ts reads the secret from this
 * process's config instead, which is not the app's here).
 */
export async function sessionCookiesFor(userIds: string[], secret: string): Promise<string[]> {
  return Promise.all(
    userIds.map(async (userId) => `next-auth.session-token=${await encode({ token: { sub: userId }, secret })}`),
  );
}
