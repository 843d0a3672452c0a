import { describe, expect, it } from "vitest";
import { emailOfNoAccessLink, noAccessPath } from "./no-access-link";

const secret = "a-test-secret-of-some-length-0123456789";

function parametersOf(path: string) {
  const url = new URL(path, "http://localhost");
  return [url.searchParams.get("email") ?? undefined, url.searchParams.get("check") ?? undefined] as const;
}

describe("no-access links", () => {
  it("name the email a refused sign-in used", () => {
    const path = noAccessPath("Zoe+test@council.example", secret);
    expect(path).toMatch(/^\/signin\/no-access\?email=Zoe%2Btest%40council.example&check=/);
    expect(emailOfNoAccessLink(...parametersOf(path), secret)).toBe("Zoe+test@council.example");
  });

  it.each([
    ["another email with the same check", (check: string) => ["boss@council.example", check]],
    ["a made-up check", () => ["zoe@council.example", "made-up"]],
    ["no check", () => ["zoe@council.example", undefined]],
    ["no email", (check: string) => [undefined, check]],
  ])("name nobody for %s", (_case, tamper) => {
    const [, check] = parametersOf(noAccessPath("zoe@council.example", secret));
    const [email, tamperedCheck] = tamper(check!) as [string | undefined, string | undefined];
    expect(emailOfNoAccessLink(email, tamperedCheck, secret)).toBeNull();
  });

  it("name nobody when the secret has changed since", () => {
    const path = noAccessPath("zoe@council.example", secret);
    expect(emailOfNoAccessLink(...parametersOf(path), `${secret}-rotated`)).toBeNull();
  });
});
