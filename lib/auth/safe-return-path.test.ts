import { describe, expect, it } from "vitest";
import { isSameSitePath, safeReturnPath } from "./safe-return-path";

const site = "https://notifications.council.example";

describe("safeReturnPath", () => {
  it.each([
    ["/", "/"],
    ["/notifications/42", "/notifications/42"],
    ["/activity/tenure/1?page=2#latest", "/activity/tenure/1?page=2#latest"],
    ["/%5Cevil.example/", "/%5Cevil.example/"],
    [`${site}/admin/outbox?status=failed`, "/admin/outbox?status=failed"],
  ])("keeps %j on the site as %j", (requested, expected) => {
    expect(safeReturnPath(requested, site)).toBe(expected);
  });

  // The review's payloads arrive decoded: `/%5Cevil.example/` is `/\evil.example/` by the time the
  // page or next-auth reads it, and `/%09/evil.example/` is `/<TAB>/evil.example/`.
  it.each([
    ["a backslash (/%5Cevil.example/)", "/\\evil.example/"],
    ["a tab (/%09/evil.example/)", "/\t/evil.example/"],
    ["a carriage return and line feed", "/\r\nSet-Cookie: x=y"],
    ["a line feed before the host", "/\n/evil.example"],
    ["NUL", "/\u0000"],
    ["DEL", "/\u007f/evil.example"],
    ["a protocol-relative URL", "//evil.example/"],
    ["a path that normalises to a protocol-relative one", "/.//evil.example/"],
    ["another origin", "https://evil.example/"],
    ["the same host over another scheme", "http://notifications.council.example/"],
    ["the same host on another port", "https://notifications.council.example:8443/"],
    ["a host that starts like ours", "https://notifications.council.example.evil.example/"],
    ["credentials in front of another host", "https://notifications.council.example@evil.example/"],
    ["javascript:", "javascript:alert(1)"],
    ["data:", "data:text/html,<script>alert(1)</script>"],
    ["a relative path", "evil.example"],
    ["an empty value", ""],
    ["nothing", undefined],
    ["a parameter given twice", ["/a", "/b"]],
  ])("sends %s to /", (_case, requested) => {
    expect(safeReturnPath(requested, site)).toBe("/");
  });
});

describe("isSameSitePath", () => {
  it.each(["/", "/notifications/42", "/activity/tenure/1?page=2", "/a b"])("accepts %j", (value) => {
    expect(isSameSitePath(value)).toBe(true);
  });

  it.each(["/\\evil", "/\t/evil", "//evil", "/.//evil", "https://evil.example/", "evil", ""])("refuses %j", (value) => {
    expect(isSameSitePath(value)).toBe(false);
  });
});
