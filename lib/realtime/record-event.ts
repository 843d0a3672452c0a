import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import type { NotificationEventType } from "@/db/schema";

/** The LISTEN/NOTIFY channel; its payload is only an event id, the row is read from notification_events. */
export const notificationEventsChannel = "notification_events";

export type NotificationEventInput = {
  type: NotificationEventType;
  notificationId: string;
  /** Only this person's copy changed (they read it); absent means everyone holding a receipt. */
  userId?: string;
};

/**
 * Records a change for live inboxes. Call it inside the transaction that makes the change: the row
 * and the NOTIFY commit with it, and Postgres announces nothing for a transaction that rolls back.
 */
export async function recordNotificationEvent(tx: Database, event: NotificationEventInput): Promise<void> {
  await tx.execute(sql`
    with inserted as (
      insert into notification_events (type, notification_id, user_id)
      values (${event.type}, ${event.notificationId}::uuid, ${event.userId ?? null}::uuid)
      returning id
    )
    select pg_notify(${notificationEventsChannel}, id::text) from inserted`);
}
