import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import { textArray } from "@/db/sql-arrays";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { purgePassedRateLimitWindows, storedKey } from "./rate-limit-windows";
import { FixedWindowLimiter } from "./rate-limit";

const database = setUpTestDatabase();
const db = () => database.handle.db;
let limiters = 0;
// Each test its own limiter name, so no test sees another's windows.
const limiterOf = (limit: number) => new FixedWindowLimiter(`test-${++limiters}`, () => limit, 60_000);
const at = (milliseconds: number) => new Date(Date.UTC(2026, 0, 1) + milliseconds);

describe("FixedWindowLimiter", () => {
  it("counts one use at a time until the window is full, then says when it resets", async () => {
    const limiter = limiterOf(2);
    expect(await limiter.consume(db(), "a", at(0))).toEqual({ allowed: true });
    expect(await limiter.consume(db(), "a", at(1_000))).toEqual({ allowed: true });
    expect(await limiter.consume(db(), "a", at(1_000))).toEqual({ allowed: false, key: "a", retryAfterSeconds: 59 });
    expect(await limiter.consume(db(), "a", at(60_000))).toEqual({ allowed: true });
    expect(await limiter.remaining(db(), "a", at(60_000))).toBe(1);
  });

  it("counts several keys in one statement and names those that went over, with the room they had", async () => {
    const limiter = limiterOf(3);
    await limiter.consumeAll(db(), new Map([["full", 2]]), at(0));
    const refused = await limiter.consumeAll(
      db(),
      new Map([
        ["fresh", 3],
        ["full", 2],
      ]),
      at(0),
    );
    expect(refused).toMatchObject({ allowed: false, key: "full" });
    expect(refused.allowed ? null : [...refused.over]).toEqual([["full", { usedBefore: 2, retryAfterSeconds: 60 }]]);
  });

  it("counts nothing when the transaction that counted rolls back (how a refusal gives uses back)", async () => {
    const limiter = limiterOf(3);
    const rolledBack = db().transaction(async (tx) => {
      expect(await limiter.consumeAll(tx, new Map([["a", 3]]), at(0))).toEqual({ allowed: true });
      throw new Error("the work failed");
    });
    await expect(rolledBack).rejects.toThrow("the work failed");
    expect(await limiter.remaining(db(), "a", at(0))).toBe(3);
  });

  it("keeps limiters apart, and housekeeping deletes only the windows that have passed", async () => {
    const [one, other] = [limiterOf(1), limiterOf(1)];
    expect(await one.consume(db(), "shared-key")).toEqual({ allowed: true });
    expect(await other.consume(db(), "shared-key")).toEqual({ allowed: true });
    await one.consume(db(), "old", at(0));
    await purgePassedRateLimitWindows(db());
    const stored = [`${one.name}:shared-key`, `${other.name}:shared-key`, `${one.name}:old`].map(storedKey);
    const keys = rowsOf<{ key: string }>(
      await db().execute(sql`select key from rate_limit_windows where key = any(${textArray(stored)})`),
    ).map((row) => row.key);
    expect(keys.sort()).toEqual(stored.slice(0, 2).sort());
  });

  it("stores only a digest of each key, so no email address or phone number is kept", async () => {
    await limiterOf(5).consume(db(), "email:sam.patel@example.com");
    const rows = rowsOf<{ count: number }>(
      await db().execute(sql`select count(*)::int as count from rate_limit_windows where key like '%sam.patel%'`),
    );
    expect(rows[0]!.count).toBe(0);
  });

  it("keeps the windows in an unlogged table, so counting a request waits for no WAL flush", async () => {
    const result = await db().execute(sql`select relpersistence from pg_class where relname = 'rate_limit_windows'`);
    expect(rowsOf<{ relpersistence: string }>(result)).toEqual([{ relpersistence: "u" }]);
  });
});
