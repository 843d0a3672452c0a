import { sessionCookieFor } from "@/lib/next-bridge/session-cookie";

/** Real session cookies, signed with the secret the app under test was started with (not this process's own). */
export function sessionCookiesFor(userIds: string[], secret: string): Promise<string[]> {
  return Promise.all(userIds.map((userId) => sessionCookieFor(userId, secret)));
}
