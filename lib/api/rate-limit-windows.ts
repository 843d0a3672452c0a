import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";

/**
 * What a key is stored as: its SHA-256. Recipient keys hold email addresses and phone numbers; the
 * table keeps only digests (and only for the window's hour), so erasing a person or exporting what
 * is held about them has nothing to find here, and nothing personal sits in an unlogged table.
 */
export function storedKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("base64url");
}

/** One key's window after counting: its uses so far and the seconds until it resets (at least 1). */
export type CountedWindow = { key: string; count: number; retryAfterSeconds: number };

/**
 * Adds `uses` (key → how many) to each key's window in rate_limit_windows, in one statement for
 * every key, and answers each key's count after it. A key whose window has passed (or that has
 * none) starts a fresh window of `windowSeconds`. The counting happens whatever the limit: run it
 * in the transaction of the work the uses are for, and roll that back to refuse, so a refused
 * request spends nobody's allowance. Until that transaction ends it holds the keys' rows, so
 * concurrent requests for the same keys, in any replica, count one after the other; rows are
 * taken in key order, so two requests with overlapping keys cannot deadlock.
 * `now` replaces the database's clock (tests).
 */
export async function countUses(
  db: Database,
  uses: ReadonlyMap<string, number>,
  windowSeconds: number,
  now?: Date,
): Promise<Map<string, CountedWindow>> {
  if (uses.size === 0) return new Map();
  const keyOf = new Map([...uses.keys()].map((key) => [storedKey(key), key]));
  const keys = JSON.stringify([...uses].map(([key, count]) => ({ key: storedKey(key), count })));
  const result = await db.execute(sql`
    with clock as (select coalesce(${now?.toISOString() ?? null}::timestamptz, clock_timestamp()) as now),
    used as (select key, count from jsonb_to_recordset(${keys}::jsonb) as u(key text, count integer))
    insert into rate_limit_windows as w (key, resets_at, count)
    select used.key, clock.now + make_interval(secs => ${windowSeconds}), used.count
    from used cross join clock
    order by used.key
    on conflict (key) do update set
      resets_at = case when w.resets_at <= (select now from clock) then excluded.resets_at else w.resets_at end,
      count = case when w.resets_at <= (select now from clock) then excluded.count else w.count + excluded.count end
    returning key, count,
      greatest(1, ceil(extract(epoch from resets_at - (select now from clock))))::integer as retry_after_seconds`);
  const rows = rowsOf<{ key: string; count: number; retry_after_seconds: number }>(result);
  return new Map(
    rows.map((row) => {
      const key = keyOf.get(row.key)!;
      return [key, { key, count: Number(row.count), retryAfterSeconds: Number(row.retry_after_seconds) }];
    }),
  );
}

/** Each key's uses in its current window (0 when it has none or it has passed). */
export async function usesInWindow(db: Database, keys: string[], now?: Date): Promise<Map<string, number>> {
  const keyOf = new Map(keys.map((key) => [storedKey(key), key]));
  const result = await db.execute(sql`
    select key, count from rate_limit_windows
    where key in (select jsonb_array_elements_text(${JSON.stringify([...keyOf.keys()])}::jsonb))
      and resets_at > coalesce(${now?.toISOString() ?? null}::timestamptz, clock_timestamp())`);
  const counts = new Map(keys.map((key) => [key, 0]));
  for (const row of rowsOf<{ key: string; count: number }>(result)) counts.set(keyOf.get(row.key)!, Number(row.count));
  return counts;
}

/** Deletes the windows that have passed (housekeeping): the next use of their key opens a fresh one. */
export async function purgePassedRateLimitWindows(db: Database): Promise<void> {
  await db.execute(sql`delete from rate_limit_windows where resets_at <= clock_timestamp()`);
}
