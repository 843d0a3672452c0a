import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { getAuthSecret } from "@/lib/auth/secret";
import { readSessionUserId } from "./session-token";

const cookieFor = async (sub: string, maxAge?: number) =>
  `other=1; next-auth.session-token=${await encode({ token: { sub }, secret: getAuthSecret(), maxAge })}`;

describe("readSessionUserId", () => {
  it("reads the person from a real session cookie, the same again from memory", async () => {
    const id = randomUUID();
    const cookie = await cookieFor(id);
    expect(await readSessionUserId(cookie)).toBe(id);
    expect(await readSessionUserId(cookie)).toBe(id);
  });

  it("refuses a tampered cookie, a missing one and a subject that is not a user id", async () => {
    const cookie = await cookieFor(randomUUID());
    expect(await readSessionUserId(`${cookie.slice(0, -4)}AAAA`)).toBeNull();
    expect(await readSessionUserId("other=1")).toBeNull();
    expect(await readSessionUserId(null)).toBeNull();
    expect(await readSessionUserId(await cookieFor("not-a-uuid"))).toBeNull();
  });

  it("stops accepting a remembered session once the token expires", async () => {
    const id = randomUUID();
    const cookie = await cookieFor(id, 1);
    expect(await readSessionUserId(cookie)).toBe(id);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await readSessionUserId(cookie)).toBeNull();
  });
});
