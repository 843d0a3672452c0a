import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { progress } from "../support/progress";

/** The Notify service the bench's deliveries and rate windows belong to. */
export const benchService = "bench-service";
/** A queue of its own, so no worker of the app under test takes (and changes) the bench's jobs. */
export const benchQueue = "bench-operations";

const teamKeys = ["repairs", "rents", "tenancy", "estates", "asb"];
const chunkRows = 50_000;

/**
 * A stretch of the operations' history: `count` notifications, each with one delivery (and one
 * pg-boss job), their times spread evenly between `newestDaysAgo` and `oldestDaysAgo`.
 */
export type Stretch = { label: string; count: number; newestDaysAgo: number; oldestDaysAgo: number };

/** The teams the items are addressed to, and the Notify service's last minute of sends (60 one-second windows). */
export async function prepareOperationsData(db: Database): Promise<void> {
  await db.execute(sql`
    insert into teams (key, name)
    select key, initcap(key) || ' team' from unnest(${`{${teamKeys.join(",")}}`}::text[]) as key
    on conflict (key) do nothing`);
  await db.execute(sql`
    insert into notify_rate_windows (service_key, window_start, used)
    select ${benchService}, date_trunc('second', clock_timestamp()) - make_interval(secs => s), 5 + s % 7
    from generate_series(0, 59) as s
    on conflict (service_key, window_start) do nothing`);
}

/**
 * Inserts a stretch set-based (generate_series), in chunks so progress shows. Shape, by position i:
 * one in ten items needs an action, and in a recent stretch (ending today) one in fifty is still
 * open; older stretches have every action taken, as a council's would. One in forty was escalated
 * and one in thirty reminded, a day and half a day after it was sent (or now, if sooner). Deliveries rotate over the
 * three channels; one in twenty failed permanently, one in thirty-three temporarily, one in fifty
 * was rejected (with our error text), the last day's still sending; the rest delivered. Jobs:
 * the ones for finished deliveries completed, and in a recent stretch one in a hundred still
 * waiting (ready, retrying or deferred) or held by a worker.
 */
export async function insertStretch(db: Database, stretch: Stretch): Promise<void> {
  const open = stretch.newestDaysAgo === 0;
  const spanSeconds = (stretch.oldestDaysAgo - stretch.newestDaysAgo) * 86_400;
  const step = spanSeconds / Math.max(1, stretch.count);
  for (let done = 0; done < stretch.count; done += chunkRows) {
    const rows = Math.min(chunkRows, stretch.count - done);
    await db.execute(sql`
      with series as (
        select i, gen_random_uuid() as id,
          now() - make_interval(days => ${stretch.newestDaysAgo}::int) - make_interval(secs => i * ${step}::float8) as created_at
        from generate_series(${done + 1}::int, ${done + rows}::int) as i
      ), stored as (
        insert into notifications (id, notification_type, message, recipient_kind, recipient_team, require_action,
          performed_action_type, escalated_at, escalated_to, reminded_at, created_at)
        select id, 'Email', 'Bench item ' || i, 'team', (${`{${teamKeys.join(",")}}`}::text[])[1 + i % 5], i % 10 = 0,
          case when i % 10 = 0 and not (${open} and i % 50 = 0) then 'Approved'::action_type end,
          case when i % 40 = 0 then least(created_at + interval '1 day', now()) end,
          case when i % 40 = 0 then 'Managers' end,
          case when i % 30 = 0 then least(created_at + interval '12 hours', now()) end,
          created_at
        from series
        returning id
      )
      insert into deliveries (notification_id, channel, status, service_key, template_id, error, created_at)
      select s.id, (array['email', 'sms', 'letter']::delivery_channel[])[1 + s.i % 3],
        case
          when s.i % 20 = 0 then 'permanent-failure'
          when s.i % 33 = 0 then 'temporary-failure'
          when s.i % 50 = 0 then 'rejected'
          when s.created_at > now() - interval '1 day' then 'sending'
          else 'delivered'
        end,
        ${benchService}, 'template',
        case when s.i % 50 = 0 and s.i % 20 <> 0 and s.i % 33 <> 0 then 'phone_number Not a UK mobile number' end,
        s.created_at
      from series s join stored using (id)`);
    await db.execute(sql`
      insert into pgboss.job (name, data, state, start_after, created_on, started_on, completed_on)
      select ${benchQueue}, jsonb_build_object('deliveryId', gen_random_uuid()),
        (case
          when ${open} and i % 100 = 0 then 'created'
          when ${open} and i % 100 = 1 then 'retry'
          when ${open} and i % 100 = 2 then 'active'
          else 'completed'
        end)::pgboss.job_state,
        case when ${open} and i % 200 = 0 then now() + interval '1 hour' else created_at end,
        created_at, created_at, case when not (${open} and i % 100 <= 2) then created_at + interval '2 seconds' end
      from (
        select i, now() - make_interval(days => ${stretch.newestDaysAgo}::int) - make_interval(secs => i * ${step}::float8) as created_at
        from generate_series(${done + 1}::int, ${done + rows}::int) as i
      ) as series`);
    progress(`${stretch.label}: ${(done + rows).toLocaleString("en-GB")} of ${stretch.count.toLocaleString("en-GB")}`);
  }
}
