import { expect, test, type Page, type Response } from "@playwright/test";
import { demoRecords, e2eApiKey, storageStates } from "./support/constants";

// Issue 10's "Low" list: security headers on pages and API responses, and pages that still run
// their scripts under a nonce-based Content-Security-Policy.

test.use({ storageState: storageStates.financeOfficer });

/** Collects every Content-Security-Policy violation the page reports, from before its first script. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  return () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

function expectPageHeaders(response: Response | null) {
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers).toMatchObject({
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
  });
  expect(headers["permissions-policy"]).toContain("camera=()");
  // Served over plain http here, so no HSTS: it would be a promise the server cannot keep.
  expect(headers["strict-transport-security"]).toBeUndefined();
  return /'nonce-([^']+)'/.exec(headers["content-security-policy"]!)![1]!;
}

const pages = [
  "/",
  "/settings/notifications",
  `/activity/tenure/${demoRecords.rosaTenure}`,
  "/api/docs",
  "/signin?error=AccessDenied",
];

for (const path of pages) {
  test(`${path} carries the security headers and runs its scripts under the nonce`, async ({ page, context }) => {
    if (path.startsWith("/signin")) await context.clearCookies();
    const violations = await watchViolations(page);
    const response = await page.goto(path);
    const nonce = expectPageHeaders(response);
    // Next.js put this response's nonce on its scripts, and they ran: the app router hydrated.
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { next?: { version?: string } }).next?.version))
      .toBeTruthy();
    const nonces = await page.evaluate(() => [...document.scripts].map((script) => script.nonce));
    expect(nonces.length).toBeGreaterThan(0);
    expect(new Set(nonces)).toEqual(new Set([nonce]));
    expect(await violations()).toEqual([]);
  });
}

test("each page view gets a fresh nonce", async ({ page }) => {
  const first = expectPageHeaders(await page.goto("/"));
  const second = expectPageHeaders(await page.goto("/"));
  expect(second).not.toBe(first);
});

test("API answers, successes and problems alike, are not stored, sniffed or framed", async ({ request }) => {
  const asService = { authorization: `Bearer ${e2eApiKey}` };
  for (const response of [
    await request.get("/api/v1/me", { headers: asService }),
    await request.get("/api/v1/notifications/not-an-id", { headers: asService }),
    await request.get("/api/v1/me", { headers: { authorization: "Bearer nck_wrong" } }),
  ]) {
    expect(response.headers()).toMatchObject({
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
      "referrer-policy": "strict-origin-when-cross-origin",
    });
  }
});

test("TRACE is a 405 on pages and API routes, not a 500", async ({ request }) => {
  for (const path of ["/", "/api/v1/notifications", "/api/v1/health"]) {
    const response = await request.fetch(path, { method: "TRACE" });
    expect(response.status(), path).toBe(405);
    expect(response.headers()["content-type"]).toBe("application/problem+json");
    expect(response.headers().allow).toContain("GET");
  }
});
