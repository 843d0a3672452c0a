import { randomUUID } from "node:crypto";
import { encode, type JWT } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { getAuthSecret } from "@/lib/auth/secret";
import { readSession } from "./session-token";

const cookieFor = async (token: JWT, maxAge?: number) =>
  `other=1; next-auth.session-token=${await encode({ token, secret: getAuthSecret(), maxAge })}`;

describe("readSession", () => {
  it("reads the person and session version from a real session cookie, the same again from memory", async () => {
    const id = randomUUID();
    const cookie = await cookieFor({ sub: id, sessionVersion: 3 });
    expect(await readSession(cookie)).toEqual({ userId: id, sessionVersion: 3 });
    expect(await readSession(cookie)).toEqual({ userId: id, sessionVersion: 3 });
  });

  it("counts a cookie minted before session versions as version 0", async () => {
    const id = randomUUID();
    expect(await readSession(await cookieFor({ sub: id }))).toEqual({ userId: id, sessionVersion: 0 });
  });

  it("refuses a tampered cookie, a missing one, a subject that is not a user id and an odd version", async () => {
    const cookie = await cookieFor({ sub: randomUUID() });
    expect(await readSession(`${cookie.slice(0, -4)}AAAA`)).toBeNull();
    expect(await readSession("other=1")).toBeNull();
    expect(await readSession(null)).toBeNull();
    expect(await readSession(await cookieFor({ sub: "not-a-uuid" }))).toBeNull();
    expect(await readSession(await cookieFor({ sub: randomUUID(), sessionVersion: -1 }))).toBeNull();
    expect(await readSession(await cookieFor({ sub: randomUUID(), sessionVersion: 1.5 }))).toBeNull();
  });

  it("stops accepting a remembered session once the token expires", async () => {
    const id = randomUUID();
    const cookie = await cookieFor({ sub: id }, 1);
    expect(await readSession(cookie)).toEqual({ userId: id, sessionVersion: 0 });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await readSession(cookie)).toBeNull();
  });
});
