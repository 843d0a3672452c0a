import { runLoadTest, type LoadTestResult } from "../support/load-test";
import { randomItem } from "../support/random";

export type ApiTarget = {
  baseUrl: string;
  /** The demo-service key: a client with every scope. */
  apiKey: string;
  /** Session cookies of bench people, each request picks one at random. */
  cookies: string[];
  /** Bench people's ids, recipients for the POST. */
  peopleIds: string[];
};

export type ApiMeasurements = {
  /** The bare route every ratio is to (issue 14): the server and wrapper alone, no auth, no query. */
  bare: LoadTestResult;
  baseline: LoadTestResult;
  mePerson: LoadTestResult;
  list: LoadTestResult;
  counts: LoadTestResult;
  create: LoadTestResult;
};

/** The API under load, one endpoint after another so they do not compete for the two cores. */
export async function measureApi(target: ApiTarget): Promise<ApiMeasurements> {
  const bearer = { authorization: `Bearer ${target.apiKey}` };
  const bare = await runLoadTest({
    name: "GET /api/v1/health/live (bare)",
    baseUrl: target.baseUrl,
    path: "/api/v1/health/live",
  });
  // The cheapest authenticated route: what the server, auth and one indexed read cost on their own.
  const baseline = await runLoadTest({
    name: "GET /api/v1/me (API key)",
    baseUrl: target.baseUrl,
    path: "/api/v1/me",
    headers: bearer,
  });
  // Not a target: separates what a session costs (JWE decrypt, person + teams query) from what the inbox query costs.
  const mePerson = await runLoadTest({
    name: "GET /api/v1/me (session)",
    baseUrl: target.baseUrl,
    path: "/api/v1/me",
    vary: withRandomCookie(target.cookies),
  });
  const list = await measureInboxList(target.baseUrl, target.cookies);
  const counts = await runLoadTest({
    name: "GET /api/v1/notifications/counts",
    baseUrl: target.baseUrl,
    path: "/api/v1/notifications/counts",
    vary: withRandomCookie(target.cookies),
  });
  const create = await runLoadTest({
    name: "POST /api/v1/notifications",
    baseUrl: target.baseUrl,
    path: "/api/v1/notifications",
    method: "POST",
    headers: { ...bearer, "content-type": "application/json" },
    vary: (request) => ({
      ...request,
      body: JSON.stringify({
        notificationType: "Screen",
        message: "bench",
        recipient: { userId: randomItem(target.peopleIds) },
      }),
    }),
  });
  return { bare, baseline, mePerson, list, counts, create };
}

/** The first page of a random person's inbox (default page size), as the inbox page loads it. */
export function measureInboxList(
  baseUrl: string,
  cookies: string[],
  name = "GET /api/v1/notifications",
): Promise<LoadTestResult> {
  return runLoadTest({ name, baseUrl, path: "/api/v1/notifications", vary: withRandomCookie(cookies) });
}

function withRandomCookie(cookies: string[]) {
  return <T extends { headers?: Record<string, string> }>(request: T): T => ({
    ...request,
    headers: { ...request.headers, cookie: randomItem(cookies) },
  });
}
