import { and, asc, desc, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { notificationEvents, notificationReceipts, notifications, type NotificationEventType } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";

/** One change as a stream sends it: `id` is the event's commit position, the SSE event id a browser resumes after. */
export type StreamEvent = { id: number; type: NotificationEventType; notificationId: string };

/** An event and who may hear of it: the people it concerns and the client service that created the notification. */
export type AddressedEvent = StreamEvent & { userIds: string[]; clientId: string | null };

/**
 * Events after `afterPosition`, in position order, at most `limit`, each with its audience, in one
 * query. Positions become visible in order (see db/schema/realtime.ts), so reading on from the last
 * position read never skips one. A change for everyone goes to each person holding a receipt,
 * deleted ones included: a deletion is news to them too.
 */
export async function readAddressedEventsAfter(
  db: Database,
  afterPosition: number,
  limit: number,
): Promise<AddressedEvent[]> {
  const rows = await db
    .select({
      id: sql<number>`${notificationEvents.position}`.mapWith(Number),
      type: notificationEvents.type,
      notificationId: notificationEvents.notificationId,
      clientId: notifications.createdByClientId,
      // Text rather than uuid[] so both drivers hand back the same plain string.
      userIds: sql<string | null>`coalesce(${notificationEvents.userId}::text, (select string_agg(r.user_id::text, ',')
        from ${notificationReceipts} r where r.notification_id = ${notificationEvents.notificationId}))`,
    })
    .from(notificationEvents)
    .innerJoin(notifications, eq(notifications.id, notificationEvents.notificationId))
    .where(gt(notificationEvents.position, afterPosition))
    .orderBy(asc(notificationEvents.position))
    .limit(limit);
  return rows.map((row) => ({ ...row, userIds: row.userIds ? row.userIds.split(",") : [] }));
}

/** The highest position committed so far: where a listener starting now begins. */
export async function latestEventPosition(db: Database): Promise<number> {
  const [row] = await db
    .select({ position: sql<number>`coalesce(max(${notificationEvents.position}), 0)::float8` })
    .from(notificationEvents);
  return Number(row?.position ?? 0);
}

/**
 * The caller's events after `afterPosition`, oldest first, for a reconnecting stream. When more than
 * `limit` were missed, the newest `limit` are kept.
 */
export async function listMissedEvents(
  db: Database,
  caller: Caller,
  afterPosition: number,
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
      id: sql<number>`${notificationEvents.position}`.mapWith(Number),
      type: notificationEvents.type,
      notificationId: notificationEvents.notificationId,
    })
    .from(notificationEvents)
    .where(and(gt(notificationEvents.position, afterPosition), concernsCaller))
    .orderBy(desc(notificationEvents.position))
    .limit(limit);
  return rows.reverse();
}
