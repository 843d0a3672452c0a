import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { preparedQuery } from "@/db/prepared";
import { notifications } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { countLimit } from "./contract/count-limit";
import type { NotificationCounts } from "./contract/responses";
import { readByAnyone } from "./list-notifications";

// Every count stops at countLimit (the badges show "99+"): `limit` inside the sub-query lets each
// one stop after that many index entries, so a team inbox of a million items counts as fast as
// one of a hundred. Each person's condition matches a partial index's predicate word for word
// (db/schema/notifications.ts), so the planner reads that index and nothing else.
// The order is the index's own: it costs nothing on the index, and it keeps the planner off a
// whole-table scan that a plain "any 100 rows" invites (and that a generic plan, made without the
// caller's id, could keep for a caller whose rows are few and far between).
const cappedCount = (table: SQL, condition: SQL, order: SQL) =>
  sql<number>`(select count(*)::int from (select 1 from ${table} where ${condition} order by ${order} limit ${sql.raw(String(countLimit))}) as capped)`;

// Every badge refresh asks this, so it is built once (see preparedQuery).
const inboxCounts = (db: Database) => {
  const userId = sql.placeholder("userId");
  const receipts = sql`notification_receipts`;
  const live = sql`user_id = ${userId} and deleted_at is null`;
  const newest = sql`created_at desc, notification_id desc`;
  return db
    .select({
      unread: cappedCount(receipts, sql`${live} and read_at is null and archived_at is null`, newest),
      actionRequired: cappedCount(receipts, sql`${live} and action_required and archived_at is null`, newest),
      all: cappedCount(receipts, sql`${live} and archived_at is null`, newest),
      archived: cappedCount(receipts, sql`${live} and archived_at is not null`, newest),
    })
    .from(sql`(select 1) as one`)
    .prepare("inbox_counts");
};

// A client's counts, built once like a person's, walk its own notifications newest first (notifications_client_created_idx,
// and the open-action partial index), stopping at the limit.
const clientCounts = (db: Database) => {
  const own = and(eq(notifications.createdByClientId, sql.placeholder("clientId")), isNull(notifications.deletedAt))!;
  const table = sql`${notifications}`;
  const newest = sql`${notifications.createdAt} desc, ${notifications.id} desc`;
  return db
    .select({
      unread: cappedCount(table, sql`${own} and not ${readByAnyone}`, newest),
      actionRequired: cappedCount(
        table,
        sql`${own} and ${notifications.requireAction} and ${notifications.performedActionType} is null`,
        newest,
      ),
      all: cappedCount(table, own, newest),
      archived: sql<number>`0`,
    })
    .from(sql`(select 1) as one`)
    .prepare("client_counts");
};

/**
 * Badge and tab counts, each at most countLimit (a count of countLimit means that many or more).
 * Archiving is a person's own tidying, so a client service has nothing archived.
 */
export async function countNotifications(db: Database, caller: Caller): Promise<NotificationCounts> {
  const none = { unread: 0, actionRequired: 0, all: 0, archived: 0 };
  const [counts] =
    caller.kind === "person"
      ? await preparedQuery(db, "inboxCounts", inboxCounts).execute({ userId: caller.id })
      : await preparedQuery(db, "clientCounts", clientCounts).execute({ clientId: caller.id });
  return counts ?? none;
}
