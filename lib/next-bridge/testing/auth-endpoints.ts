import * as authRoute from "@/app/api/auth/[...nextauth]/route";

// next-auth's endpoints called as a browser would, through the real route: tests of sign-in,
// sign-out and the URLs next-auth builds. Their files stub AUTH_TRUST_HOST, as `npm start` sets it.

export const siteHost = "notifications.council.example";

export type AuthCall = { headers?: Record<string, string>; form?: Record<string, string> };

/** `path` is after /api/auth, e.g. `/providers` or `/callback/demo?x=1`. */
export function callAuthEndpoint(method: "GET" | "POST", path: string, call: AuthCall = {}): Promise<Response> {
  const url = new URL(`http://${siteHost}/api/auth${path}`);
  const headers = new Headers({ host: siteHost, ...call.headers });
  let body: string | undefined;
  if (call.form) {
    headers.set("content-type", "application/x-www-form-urlencoded");
    body = new URLSearchParams(call.form).toString();
  }
  const segments = url.pathname.split("/").slice(3);
  const handler = method === "GET" ? authRoute.GET : authRoute.POST;
  return handler(new Request(url, { method, headers, body }), { params: Promise.resolve({ nextauth: segments }) });
}

/** The cookies a response sets, as one Cookie header (name=value; …), empty values left out. */
export function cookiesSetBy(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0]!)
    .filter((pair) => !pair.endsWith("="))
    .join("; ");
}

/** The session cookie a response sets, as a Cookie header, or null when it sets none. */
export function sessionCookieSetBy(response: Response): string | null {
  const cookie = cookiesSetBy(response)
    .split("; ")
    .find((pair) => /^(__Secure-)?next-auth\.session-token=/.test(pair));
  return cookie ?? null;
}

/** A CSRF token and its cookie, as next-auth's client fetches them before any POST. */
export async function csrf(): Promise<{ csrfToken: string; cookie: string }> {
  const response = await callAuthEndpoint("GET", "/csrf");
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { csrfToken, cookie: cookiesSetBy(response) };
}

/** Signs in with the demo provider as its button does; answers the response (its session cookie if admitted). */
export async function demoSignIn(userId: string): Promise<Response> {
  const { csrfToken, cookie } = await csrf();
  return callAuthEndpoint("POST", "/callback/demo", {
    headers: { cookie },
    form: { userId, csrfToken, callbackUrl: "/", json: "true" },
  });
}

/** Signs out as the sign-out button does, with the session cookie given. */
export async function signOut(sessionCookie: string): Promise<Response> {
  const { csrfToken, cookie } = await csrf();
  return callAuthEndpoint("POST", "/signout", {
    headers: { cookie: `${cookie}; ${sessionCookie}` },
    form: { csrfToken, callbackUrl: "/", json: "true" },
  });
}
