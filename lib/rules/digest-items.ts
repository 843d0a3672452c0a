import { sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import type { Notification } from "@/db/schema";
import { findCategory } from "./categories";

/**
 * Remembers each new item for each person in its audience who chose a daily email digest for its
 * category, set-based like the fan-out and in one statement, in the create's transaction:
 * `audiencePairs` is a subquery of (notification_id, user_id). Such people get no email copy now
 * (addPreferredCopiesForSet skips them); the 08:00 job sends what waits here. An item sent later
 * (`sendAt`) waits until then.
 */
export async function rememberSetForDigests(
  tx: Database,
  notifications: Notification[],
  audiencePairs: SQL,
): Promise<void> {
  const items = notifications.flatMap((notification) => {
    const category = notification.category ? findCategory(notification.category) : undefined;
    if (!category?.optionalChannels.includes("email")) return [];
    const dueAt = (notification.sendAt ?? notification.createdAt).toISOString();
    return [{ notification_id: notification.id, category: category.key, due_at: dueAt }];
  });
  if (items.length === 0) return;
  await tx.execute(sql`
    insert into digest_items (user_id, notification_id, category, due_at)
    select audience.user_id, i.notification_id, i.category, i.due_at
    from jsonb_to_recordset(${JSON.stringify(items)}::jsonb) as i(notification_id uuid, category text, due_at timestamptz)
    join (${audiencePairs}) as audience on audience.notification_id = i.notification_id
    join notification_preferences p on p.user_id = audience.user_id and p.category = i.category
    where p.email_mode = 'daily'
    on conflict do nothing`);
}
