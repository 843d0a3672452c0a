import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";
import { deliveryChannels, type DeliveryChannel } from "@/db/schema";
import { failureReason } from "@/lib/delivery/failure-reasons";
import { deliveryStatuses, isFailedDeliveryStatus, isFinalDeliveryStatus } from "@/lib/delivery/statuses";
import { lastDays, operationsTimeZone } from "./days";

/** What became of a delivery, in the four words the dashboard uses. */
export const deliveryOutcomes = ["delivered", "inProgress", "failed", "cancelled"] as const;
export type DeliveryOutcome = (typeof deliveryOutcomes)[number];

export function outcomeOf(status: string): DeliveryOutcome {
  if (status === "cancelled") return "cancelled";
  if (isFailedDeliveryStatus(status)) return "failed";
  return isFinalDeliveryStatus(status) ? "delivered" : "inProgress";
}

export type DeliveryCount = { day: string; channel: DeliveryChannel; status: string; count: number };

/**
 * Deliveries created since `since`, counted by London day, channel and current status. A range scan
 * of deliveries_outbox_idx (created_at desc, id desc) bounded by the window, so its cost follows the
 * window's volume, never the table's history. Unordered: every reader files the rows by key, and an
 * ORDER BY made PostgreSQL sort the window's rows (spilling to disk on a busy fortnight) rather than
 * hash-aggregate them into a few hundred groups.
 */
export async function countDeliveries(db: Database, { since }: { since: Date }): Promise<DeliveryCount[]> {
  const result = await db.execute(sql`
    select to_char(created_at at time zone ${operationsTimeZone}, 'YYYY-MM-DD') as day, channel, status,
      count(*)::int as count
    from deliveries
    where created_at >= ${since.toISOString()}::timestamptz
    group by 1, 2, 3`);
  return rowsOf<DeliveryCount>(result).map((row) => ({ ...row, count: Number(row.count) }));
}

export type DailyDeliveries = {
  day: string;
  byChannel: Record<DeliveryChannel, number>;
  byOutcome: Record<DeliveryOutcome, number>;
  total: number;
};

const zeroes = <Key extends string>(keys: readonly Key[]) =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<Key, number>;

/** One row per day of the window (days with nothing sent included), by channel and by outcome. */
export function dailyDeliveries(counts: readonly DeliveryCount[], days: readonly string[]): DailyDeliveries[] {
  const rows = new Map(
    days.map((day) => [
      day,
      { day, byChannel: zeroes(deliveryChannels), byOutcome: zeroes(deliveryOutcomes), total: 0 },
    ]),
  );
  for (const count of counts) {
    const row = rows.get(count.day);
    if (!row) continue;
    row.byChannel[count.channel] += count.count;
    row.byOutcome[outcomeOf(count.status)] += count.count;
    row.total += count.count;
  }
  return [...rows.values()];
}

export type DeliveryTotals = {
  total: number;
  byOutcome: Record<DeliveryOutcome, number>;
  /** Failed as a share of those that finished (delivered or failed); null before any finished. */
  failureRate: number | null;
};

export function deliveryTotals(counts: readonly DeliveryCount[]): DeliveryTotals {
  const byOutcome = zeroes(deliveryOutcomes);
  for (const count of counts) byOutcome[outcomeOf(count.status)] += count.count;
  const finished = byOutcome.delivered + byOutcome.failed;
  return {
    total: Object.values(byOutcome).reduce((sum, value) => sum + value, 0),
    byOutcome,
    failureRate: finished > 0 ? byOutcome.failed / finished : null,
  };
}

type DeliveryStatus = (typeof deliveryStatuses)[number];
export type FailureReason = { reason: string; channel: DeliveryChannel; status: DeliveryStatus; count: number };

const failedStatuses = deliveryStatuses.filter((status) => isFailedDeliveryStatus(status) && status !== "cancelled");

/**
 * The commonest reasons deliveries since `since` failed, most frequent first: our own error where we
 * have one, else Notify's meaning of the status. Reads deliveries_outbox_status_idx (status,
 * created_at desc): one short range per failure status within the window.
 */
export async function commonFailureReasons(
  db: Database,
  { since, limit = 5 }: { since: Date; limit?: number },
): Promise<FailureReason[]> {
  const result = await db.execute(sql`
    select channel, status, error, count(*)::int as count
    from deliveries
    where status in (${sql.join(
      failedStatuses.map((status) => sql`${status}`),
      sql`, `,
    )}) and created_at >= ${since.toISOString()}::timestamptz
    group by channel, status, error
    order by count desc
    limit 200`);
  const reasons = new Map<string, FailureReason>();
  for (const row of rowsOf<{ channel: DeliveryChannel; status: DeliveryStatus; error: string | null; count: number }>(
    result,
  )) {
    const reason = failureReason(row.channel, row.status, row.error) ?? row.status;
    const key = `${row.channel}\u0000${row.status}\u0000${reason}`;
    const known = reasons.get(key);
    if (known) known.count += Number(row.count);
    else reasons.set(key, { reason, channel: row.channel, status: row.status, count: Number(row.count) });
  }
  return [...reasons.values()].sort((a, b) => b.count - a.count).slice(0, limit);
}

/** The start of the London day `days - 1` days before `now`'s: the dashboard's window. */
export function windowStart(now: Date, days: number): Date {
  const [first] = lastDays(now, days);
  // Midnight in London on that day: try both offsets London uses and keep the one that lands there.
  for (const offset of ["+00:00", "+01:00"]) {
    const candidate = new Date(`${first}T00:00:00${offset}`);
    const hour = new Intl.DateTimeFormat("en-GB", {
      timeZone: operationsTimeZone,
      hour: "2-digit",
      hourCycle: "h23",
    }).format(candidate);
    if (hour === "00") return candidate;
  }
  return new Date(`${first}T00:00:00Z`);
}
