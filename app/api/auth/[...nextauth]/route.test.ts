import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { resetSettings } from "@/lib/config/settings";
import { chunkedUpload, streamedRequest } from "@/lib/testing/chunked-upload";
import { callAuthEndpoint, csrf, siteHost } from "@/lib/next-bridge/testing/auth-endpoints";
import * as authRoute from "./route";

// The zero-configuration start trusts the request's host (AUTH_TRUST_HOST, no NEXTAUTH_URL).
beforeAll(() => {
  vi.stubEnv("AUTH_TRUST_HOST", "true");
  vi.stubEnv("NEXTAUTH_URL", undefined);
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.stubEnv("AUTH_TRUST_HOST", "true");
  resetSettings();
});

const forged = { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };

async function demoCallbackUrl(headers: Record<string, string>): Promise<string> {
  const response = await callAuthEndpoint("GET", "/providers", { headers });
  const providers = (await response.json()) as Record<string, { callbackUrl: string }>;
  return providers.demo!.callbackUrl;
}

describe("the URLs next-auth builds", () => {
  it("come from Host, whatever X-Forwarded-Host says", async () => {
    expect(await demoCallbackUrl({ ...forged, "x-forwarded-proto": "http" })).toBe(
      `http://${siteHost}/api/auth/callback/demo`,
    );
  });

  it("never send a signed-out visitor to the forged host", async () => {
    const callbackUrl = encodeURIComponent("https://evil.example/phish");
    const response = await callAuthEndpoint("GET", `/signin?callbackUrl=${callbackUrl}`, { headers: forged });
    expect(response.status).toBe(302);
    expect(decodeURIComponent(response.headers.get("location")!)).not.toContain("evil.example");
  });

  it("follow X-Forwarded-Host and -Proto when TRUST_PROXY_HEADERS says a proxy sets them", async () => {
    vi.stubEnv("TRUST_PROXY_HEADERS", "true");
    resetSettings();
    const proxied = { "x-forwarded-host": "notifications.gov.example", "x-forwarded-proto": "https" };
    expect(await demoCallbackUrl(proxied)).toBe("https://notifications.gov.example/api/auth/callback/demo");
  });

  it("keep the scheme only when it is http or https", async () => {
    expect(await demoCallbackUrl({ "x-forwarded-proto": "http" })).toBe(`http://${siteHost}/api/auth/callback/demo`);
    expect(await demoCallbackUrl({ "x-forwarded-proto": "javascript" })).toBe(
      `https://${siteHost}/api/auth/callback/demo`,
    );
  });
});

describe("where next-auth sends people afterwards", () => {
  // What the review sent (decoded, as next-auth reads it), and CR/LF, which once ended in a 500.
  const payloads = ["/\\evil.example/", "/\t/evil.example/", "//evil.example/", "/\r\n/evil.example/"];

  async function signOutUrl(callbackUrl: string): Promise<string> {
    const { csrfToken, cookie } = await csrf();
    const response = await callAuthEndpoint("POST", "/signout", {
      headers: { cookie },
      form: { csrfToken, callbackUrl, json: "true" },
    });
    return ((await response.json()) as { url: string }).url;
  }

  it.each(payloads)("is this site's home page after %j", async (callbackUrl) => {
    expect(await signOutUrl(callbackUrl)).toBe(`https://${siteHost}/`);
    const signIn = await callAuthEndpoint("GET", `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    const signInPage = new URL(signIn.headers.get("location")!, `https://${siteHost}`);
    expect(signInPage.searchParams.get("callbackUrl")).toBe(`https://${siteHost}/`);
  });

  it("is the page asked for when it is on this site", async () => {
    expect(await signOutUrl("/notifications/42?tab=history")).toBe(`https://${siteHost}/notifications/42?tab=history`);
    expect(await signOutUrl(`https://${siteHost}/my/history`)).toBe(`https://${siteHost}/my/history`);
  });
});

describe("a form sent chunked", () => {
  it("is cut off at 64 KB with a 413, not read whole", async () => {
    const upload = chunkedUpload(40 * 1024 * 1024, { fill: 0x61 });
    const request = streamedRequest(
      `http://${siteHost}/api/auth/callback/demo`,
      { method: "POST", headers: { host: siteHost, "content-type": "application/x-www-form-urlencoded" } },
      upload.stream,
    );
    const response = await authRoute.POST(request, { params: Promise.resolve({ nextauth: ["callback", "demo"] }) });
    expect(response.status).toBe(413);
    expect(upload.pulledBytes()).toBeLessThan(1024 * 1024);
  });
});
