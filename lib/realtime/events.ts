import { and, asc, desc, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { notificationEvents, notificationReceipts, notifications, type NotificationEventType } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";

/** One change as a stream sends it: `id` is the SSE event id, so a browser resumes after it. */
export type StreamEvent = { id: number; type: NotificationEventType; notificationId: string };

/** An event and who may hear of it: the people it concerns and the client service that created the notification. */
export type AddressedEvent = StreamEvent & { userIds: string[]; clientId: string | null };

/**
 * Reads events by id, oldest first, each with its audience, in one query. A change for everyone
 * goes to each person holding a receipt, deleted ones included: a deletion is news to them too.
 */
export async function readAddressedEvents(db: Database, ids: number[]): Promise<AddressedEvent[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      id: notificationEvents.id,
      type: notificationEvents.type,
      notificationId: notificationEvents.notificationId,
      clientId: notifications.createdByClientId,
      // Text rather than uuid[] so both drivers hand back the same plain string.
      userIds: sql<string | null>`coalesce(${notificationEvents.userId}::text, (select string_agg(r.user_id::text, ',')
        from ${notificationReceipts} r where r.notification_id = ${notificationEvents.notificationId}))`,
    })
    .from(notificationEvents)
    .innerJoin(notifications, eq(notifications.id, notificationEvents.notificationId))
    .where(inArray(notificationEvents.id, ids))
    .orderBy(asc(notificationEvents.id));
  return rows.map((row) => ({ ...row, userIds: row.userIds ? row.userIds.split(",") : [] }));
}

/** Ids of events after `afterId`, for a listener catching up after its connection dropped. */
export async function listEventIdsAfter(db: Database, afterId: number, limit: number): Promise<number[]> {
  const rows = await db
    .select({ id: notificationEvents.id })
    .from(notificationEvents)
    .where(gt(notificationEvents.id, afterId))
    .orderBy(asc(notificationEvents.id))
    .limit(limit);
  return rows.map((row) => row.id);
}

export async function latestEventId(db: Database): Promise<number> {
  const [row] = await db
    .select({ id: sql<number>`coalesce(max(${notificationEvents.id}), 0)::float8` })
    .from(notificationEvents);
  return Number(row?.id ?? 0);
}

/**
 * The caller's events after `afterId`, oldest first, for a reconnecting stream. When more than
 * `limit` were missed, the newest `limit` are kept. Ids are taken at insert, so two concurrent
 * transactions can commit out of id order, and a stream that saw the later id just before
 * dropping skips the earlier one; the counts event sent on every (re)connect is exact regardless.
 */
export async function listMissedEvents(
  db: Database,
  caller: Caller,
  afterId: number,
  limit: number,
): Promise<StreamEvent[]> {
  const concernsCaller =
    caller.kind === "person"
      ? or(
          eq(notificationEvents.userId, caller.id),
          and(
            isNull(notificationEvents.userId),
            sql`exists (select 1 from ${notificationReceipts} r
              where r.notification_id = ${notificationEvents.notificationId} and r.user_id = ${caller.id})`,
          ),
        )
      : sql`exists (select 1 from ${notifications} n
          where n.id = ${notificationEvents.notificationId} and n.created_by_client_id = ${caller.id})`;
  const rows = await db
    .select({
      id: notificationEvents.id,
      type: notificationEvents.type,
      notificationId: notificationEvents.notificationId,
    })
    .from(notificationEvents)
    .where(and(gt(notificationEvents.id, afterId), concernsCaller))
    .orderBy(desc(notificationEvents.id))
    .limit(limit);
  return rows.reverse();
}
