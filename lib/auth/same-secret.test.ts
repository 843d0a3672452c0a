import { describe, expect, it } from "vitest";
import { sameSecret } from "./same-secret";

describe("sameSecret", () => {
  it("accepts only the very same token, whatever the lengths presented", () => {
    expect(sameSecret("callback-token-0123456789", "callback-token-0123456789")).toBe(true);
    expect(sameSecret("callback-token-0123456788", "callback-token-0123456789")).toBe(false);
    expect(sameSecret("callback-token", "callback-token-0123456789")).toBe(false);
    expect(sameSecret("callback-token-0123456789-and-more", "callback-token-0123456789")).toBe(false);
    expect(sameSecret("", "callback-token-0123456789")).toBe(false);
  });
});
