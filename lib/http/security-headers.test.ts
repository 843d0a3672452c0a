import { describe, expect, it } from "vitest";
import { readSettings } from "@/lib/config/settings";
import { apiSecurityHeaders, contentSecurityPolicy, isServedOverHttps, pageSecurityHeaders } from "./security-headers";

const directives = (policy: string) => Object.fromEntries(policy.split("; ").map((d) => [d.split(" ")[0], d]));

describe("a page's Content-Security-Policy", () => {
  const policy = directives(contentSecurityPolicy("bm9uY2U="));

  it("runs only scripts carrying this response's nonce, and what they load", () => {
    expect(policy["script-src"]).toBe("script-src 'self' 'nonce-bm9uY2U=' 'strict-dynamic'");
    expect(policy["script-src"]).not.toContain("unsafe");
  });

  it("takes styles from our own stylesheet or with the nonce, never inline ones without it", () => {
    expect(policy["style-src"]).toBe("style-src 'self' 'nonce-bm9uY2U='");
  });

  it("lets nothing frame the page, no plugin load, no form post elsewhere and no base URL change", () => {
    expect(policy).toMatchObject({
      "frame-ancestors": "frame-ancestors 'none'",
      "object-src": "object-src 'none'",
      "form-action": "form-action 'self'",
      "base-uri": "base-uri 'self'",
      "default-src": "default-src 'self'",
    });
  });

  it("allows eval only for next dev", () => {
    expect(contentSecurityPolicy("n", { development: true })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy("n")).not.toContain("'unsafe-eval'");
  });
});

describe("the headers every page and API response carries", () => {
  const shared = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": expect.stringContaining("camera=()"),
  };

  it.each([
    ["a page", pageSecurityHeaders("n", { https: false })],
    ["a JSON response", apiSecurityHeaders("application/json; charset=utf-8", { https: false })],
    ["a problem", apiSecurityHeaders("application/problem+json", { https: false })],
    ["a letter's PDF", apiSecurityHeaders("application/pdf", { https: false })],
  ])("include nosniff, no framing, the referrer and permissions policies: %s", (_case, headers) => {
    expect(headers).toMatchObject(shared);
    expect(headers).not.toHaveProperty("strict-transport-security");
  });

  it("tell browsers to insist on https only when the site is served over https", () => {
    expect(pageSecurityHeaders("n", { https: true })["strict-transport-security"]).toMatch(/^max-age=31536000/);
    expect(apiSecurityHeaders("application/json", { https: true })["strict-transport-security"]).toMatch(/^max-age=/);
  });

  it("give JSON a policy that allows nothing, and files none (Chrome's PDF viewer renders nothing under one)", () => {
    expect(apiSecurityHeaders("application/json", { https: false })["content-security-policy"]).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    expect(apiSecurityHeaders("application/pdf", { https: false })).not.toHaveProperty("content-security-policy");
  });
});

describe("isServedOverHttps", () => {
  it.each([
    [{ NEXTAUTH_URL: "https://notifications.council.gov.uk" }, true],
    [{ NEXTAUTH_URL: "http://notifications.internal" }, false],
    [{}, false],
  ])("reads NEXTAUTH_URL %j as %s", (environment, expected) => {
    expect(isServedOverHttps(readSettings(environment))).toBe(expected);
  });
});
