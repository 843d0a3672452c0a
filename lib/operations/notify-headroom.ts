import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";
import { sendsPerSecond, type NotifyRateLimit } from "@/lib/delivery/rate-limiter";

export type NotifyHeadroom = {
  serviceKey: string;
  /** Notify's limit for a minute, as configured (NOTIFY_RATE_LIMIT_PER_MINUTE). */
  limitPerMinute: number;
  /** Requests sent in the last 60 seconds. */
  usedLastMinute: number;
  /** The dispatcher's allowance for one second (its share of Notify's rate). */
  perSecondQuota: number;
  /** Requests sent in the current second's window. */
  usedThisSecond: number;
  /** The busiest second of the last minute. */
  busiestSecond: number;
};

/**
 * How close each Notify service is to its rate limit, from the dispatcher's own count
 * (notify_rate_windows, one row per service per second, shared by every worker process). Reads at
 * most 60 rows per service through the table's primary key (service_key, window_start).
 */
export async function notifyHeadroom(
  db: Database,
  { services, limitPerMinute }: { services: readonly string[]; limitPerMinute: number },
): Promise<NotifyHeadroom[]> {
  if (services.length === 0) return [];
  const result = await db.execute(sql`
    select service_key,
      coalesce(sum(used), 0)::int as used_last_minute,
      coalesce(sum(used) filter (where window_start = date_trunc('second', clock_timestamp())), 0)::int as used_this_second,
      coalesce(max(used), 0)::int as busiest_second
    from notify_rate_windows
    where service_key in (${sql.join(
      services.map((service) => sql`${service}`),
      sql`, `,
    )}) and window_start > clock_timestamp() - interval '60 seconds'
    group by service_key`);
  type Row = { service_key: string; used_last_minute: number; used_this_second: number; busiest_second: number };
  const byService = new Map(rowsOf<Row>(result).map((row) => [row.service_key, row]));
  const limit: NotifyRateLimit = { requests: limitPerMinute, perSeconds: 60 };
  return services.map((serviceKey) => {
    const row = byService.get(serviceKey);
    return {
      serviceKey,
      limitPerMinute,
      usedLastMinute: Number(row?.used_last_minute ?? 0),
      perSecondQuota: sendsPerSecond(limit),
      usedThisSecond: Number(row?.used_this_second ?? 0),
      busiestSecond: Number(row?.busiest_second ?? 0),
    };
  });
}
