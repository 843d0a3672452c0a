import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";

/**
 * Keeps every worker process together under a Notify service's rate limit. Notify refills a token
 * bucket at limit/period per second and lets it hold about a third of the limit, so sending at most
 * `share` of that rate in each one-second window never empties it. The windows are rows in
 * notify_rate_windows (the database's clock, one upsert per send), so any number of processes
 * share them; within a process one waiter at a time asks, the rest queue behind it.
 */
export type NotifyRateLimit = { requests: number; perSeconds: number };

export type SendRateLimiter = {
  /** Resolves when this process may send one request to the service. */
  acquire(serviceKey: string): Promise<void>;
  /** Sends allowed in one second window. */
  perSecond(serviceKey: string): number;
};

export type RateLimiterOptions = {
  limitFor: (serviceKey: string) => NotifyRateLimit;
  /** The share of Notify's rate we use; the rest is headroom for clock and network jitter. */
  share?: number;
};

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** The share of Notify's rate the dispatcher uses unless told otherwise. */
export const defaultRateShare = 0.95;

/** Sends allowed in one second window under `limit`: what the dispatcher enforces and the operations view reports. */
export function sendsPerSecond(limit: NotifyRateLimit, share = defaultRateShare): number {
  return Math.max(1, Math.floor((limit.requests / limit.perSeconds) * share));
}

export function createSendRateLimiter(
  db: Database,
  { limitFor, share = defaultRateShare }: RateLimiterOptions,
): SendRateLimiter {
  const queues = new Map<string, Promise<void>>();
  const perSecond = (serviceKey: string) => sendsPerSecond(limitFor(serviceKey), share);

  async function take(serviceKey: string): Promise<void> {
    const quota = perSecond(serviceKey);
    for (;;) {
      const result = await db.execute(sql`
        with clock as (select clock_timestamp() as now),
        taken as (
          insert into notify_rate_windows as w (service_key, window_start, used)
          select ${serviceKey}, date_trunc('second', clock.now), 1 from clock
          on conflict (service_key, window_start) do update set used = w.used + 1 where w.used < ${quota}
          returning used
        )
        select (select used from taken) as used, extract(milliseconds from (select now from clock)) as millisecond`);
      const [row] = rowsOf<{ used: number | null; millisecond: string | number }>(result);
      if (row?.used !== null && row?.used !== undefined) return;
      // Full: wait for the next second on the database's clock, with a little jitter.
      const intoSecond = Number(row?.millisecond ?? 0) % 1000;
      await sleep(1000 - intoSecond + Math.random() * 10);
    }
  }

  return {
    perSecond,
    acquire(serviceKey) {
      const previous = queues.get(serviceKey) ?? Promise.resolve();
      const mine = previous.then(() => take(serviceKey));
      const settled = mine.catch(() => undefined);
      queues.set(serviceKey, settled);
      void settled.then(() => {
        if (queues.get(serviceKey) === settled) queues.delete(serviceKey);
      });
      return mine;
    },
  };
}

/** Deletes windows older than an hour: they only matter within their own second. */
export async function purgeOldRateWindows(db: Database): Promise<void> {
  await db.execute(sql`delete from notify_rate_windows where window_start < now() - interval '1 hour'`);
}
