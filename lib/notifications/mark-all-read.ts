import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";
import type { Caller } from "@/lib/auth/caller";
import { assertPerson } from "@/lib/auth/policies";
import { recordNotificationEvent } from "@/lib/realtime/record-event";
import type { MarkAllReadBody } from "./contract/item-requests";

/**
 * Marks the caller's unread, unarchived items read, but only those that arrived by `before` (when
 * the person loaded the list), so something that arrives while they decide is not swallowed unseen.
 */
export async function markAllRead(tx: Database, caller: Caller, body: MarkAllReadBody): Promise<{ updated: number }> {
  assertPerson(caller, "Only people have an inbox; a service cannot mark items read");
  const rows = rowsOf<{ notificationId: string }>(
    await tx.execute(sql`
      update notification_receipts set read_at = now()
      where user_id = ${caller.id} and read_at is null and archived_at is null and deleted_at is null
        and created_at <= ${body.before}::timestamptz
      returning notification_id as "notificationId"`),
  );
  // One event is enough: every open tab of this person refreshes its counts and list from it.
  const [first] = rows;
  if (first)
    await recordNotificationEvent(tx, {
      type: "notification.updated",
      notificationId: first.notificationId,
      userId: caller.id,
    });
  return { updated: rows.length };
}
