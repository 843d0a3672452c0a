import { describe, expect, it } from "vitest";
import { readSettings } from "@/lib/config/settings";
import { problemsWith } from "@/lib/config/test-support";
import { answerPreflight, corsResponseHeaders } from "./cors";

const frontEnd = "https://manage-my-home.hackney.gov.uk";

describe("CORS_ORIGINS", () => {
  it("is empty by default: no cross-origin access", () => {
    expect(readSettings({}).cors.origins).toEqual([]);
  });

  it("reads exact origins, comma-separated, dropping blanks and repeats", () => {
    expect(readSettings({ CORS_ORIGINS: `${frontEnd}, http://localhost:3000,,${frontEnd}` }).cors.origins).toEqual([
      frontEnd,
      "http://localhost:3000",
    ]);
  });

  it.each([
    "*",
    "null",
    "manage-my-home.hackney.gov.uk",
    `${frontEnd}/`,
    `${frontEnd}/path`,
    "https://Example.gov.uk",
    "ftp://files.example",
    "https://example.gov.uk:443",
  ])("refuses %s at start-up, naming the variable", (value) => {
    expect(problemsWith({ CORS_ORIGINS: value })?.[0]).toMatch(/^CORS_ORIGINS: must be origins such as/);
  });

  it.each([
    ["https://example.gov.uk:443", "(a browser sends https://example.gov.uk:443 as https://example.gov.uk)"],
    [`${frontEnd}/`, `(a browser sends ${frontEnd}/ as ${frontEnd})`],
    ["https://Example.gov.uk", "(a browser sends https://Example.gov.uk as https://example.gov.uk)"],
    [`${frontEnd}, manage-my-home.hackney.gov.uk`, "(manage-my-home.hackney.gov.uk is not one)"],
    ["ftp://files.example", "(ftp://files.example is not one)"],
  ])("says which origin in %s is wrong and, when it can, how a browser writes it", (value, hint) => {
    expect(problemsWith({ CORS_ORIGINS: value })?.[0]).toContain(`separated by commas ${hint}, not '${value}'`);
  });
});

describe("CORS headers", () => {
  it("sends none when no origin is configured", () => {
    expect(corsResponseHeaders(frontEnd, [])).toEqual({});
    expect(
      answerPreflight(new Request("http://test/api/v1/me", { method: "OPTIONS", headers: { origin: frontEnd } }), []),
    ).toBeUndefined();
  });

  it("names a configured origin, never another, and always varies by origin", () => {
    expect(corsResponseHeaders(frontEnd, [frontEnd])).toEqual({
      vary: "Origin",
      "access-control-allow-origin": frontEnd,
      "access-control-expose-headers": "x-correlation-id, retry-after, location, etag",
    });
    expect(corsResponseHeaders("https://evil.example", [frontEnd])).toEqual({ vary: "Origin" });
    expect(corsResponseHeaders(null, [frontEnd])).toEqual({ vary: "Origin" });
  });
});
