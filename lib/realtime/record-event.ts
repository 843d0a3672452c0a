import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import type { NotificationEventType } from "@/db/schema";
import { nullableUuidArray, textArray, uuidArray } from "@/db/sql-arrays";

/**
 * The LISTEN/NOTIFY channel. Migration 0035's commit trigger announces each position it gives;
 * listeners read the rows after their own position from notification_events.
 */
export const notificationEventsChannel = "notification_events";

export type NotificationEventInput = {
  type: NotificationEventType;
  notificationId: string;
  /** Only this person's copy changed (they read it); absent means everyone holding a receipt. */
  userId?: string;
};

/**
 * Records a change for live inboxes. Call it inside the transaction that makes the change: the row,
 * its position and the NOTIFY commit with it, and nothing is announced for a transaction that rolls back.
 */
export async function recordNotificationEvent(tx: Database, event: NotificationEventInput): Promise<void> {
  await tx.execute(sql`
    insert into notification_events (type, notification_id, user_id)
    values (${event.type}, ${event.notificationId}::uuid, ${event.userId ?? null}::uuid)`);
}

/**
 * Records many changes for live inboxes in one statement (a sweep's or a bulk create's), in the
 * transaction that makes them, positioned in the order given.
 */
export async function recordNotificationEvents(tx: Database, events: NotificationEventInput[]): Promise<void> {
  if (events.length === 0) return;
  // Three arrays unnested together: one statement of three parameters, however many events.
  await tx.execute(sql`
    insert into notification_events (type, notification_id, user_id)
    select type::notification_event_type, notification_id, user_id
    from unnest(${textArray(events.map((event) => event.type))},
                ${uuidArray(events.map((event) => event.notificationId))},
                ${nullableUuidArray(events.map((event) => event.userId))})
      with ordinality as e(type, notification_id, user_id, ordinal)
    order by ordinal`);
}
