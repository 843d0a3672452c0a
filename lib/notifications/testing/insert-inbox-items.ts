import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";

export type InboxItems = {
  /** The person whose inbox gets a copy of each; none stores the notifications alone. */
  userId?: string;
  clientId: string;
  count: number;
  /** Every n-th item (by position) is read, archived or waits for an action; 0 for none. */
  readEvery?: number;
  archivedEvery?: number;
  actionEvery?: number;
  /** The newest item's time; item i is i seconds older, so positions never tie. */
  newest?: Date;
};

// 1 in every n rows, with 0 meaning none; `i` is the series column.
const every = (n: number) => (n > 0 ? sql.raw(`(i % ${n} = 0)`) : sql.raw("false"));

/**
 * Screen notifications from one client, each with one receipt for the person, inserted set-based
 * (generate_series), so tests and benchmarks build inboxes of a million items in seconds rather than
 * through the API. The ids are random, the times one second apart going back from `newest`.
 */
export async function insertInboxItems(db: Database, items: InboxItems): Promise<void> {
  const { userId, clientId, count, readEvery = 0, archivedEvery = 0, actionEvery = 0 } = items;
  const newest = (items.newest ?? new Date()).toISOString();
  await db.execute(sql`
    with series as (
      select i, gen_random_uuid() as id, ${newest}::timestamptz - make_interval(secs => i) as created_at
      from generate_series(1, ${count}::int) as i
    ), stored as (
      insert into notifications (id, notification_type, message, recipient_kind, recipient_user_id,
        created_by_client_id, require_action, created_at)
      select id, 'Screen', 'Bench item ' || i, ${userId ? sql`'user'` : sql`null`}, ${userId ?? null}::uuid,
        ${clientId}::uuid, ${every(actionEvery)}, created_at
      from series
    )
    insert into notification_receipts (notification_id, user_id, created_at, action_required, read_at, archived_at)
    select id, ${userId ?? null}::uuid, created_at, ${every(actionEvery)},
      case when ${every(readEvery)} then created_at end, case when ${every(archivedEvery)} then created_at end
    from series where ${userId ?? null}::uuid is not null`);
}
