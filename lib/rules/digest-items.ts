import { sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import type { Notification } from "@/db/schema";
import { findCategory } from "./categories";

/**
 * Remembers a new item for each person in its audience who chose a daily email digest for its
 * category, set-based like the fan-out, in the create's transaction. Such people get no email copy
 * now (addPreferredCopies skips them); the 08:00 job sends what waits here. An item sent later
 * (`sendAt`) waits until then.
 */
export async function rememberForDigests(tx: Database, notification: Notification, audience: SQL): Promise<void> {
  const category = notification.category ? findCategory(notification.category) : undefined;
  if (!category?.optionalChannels.includes("email")) return;
  const dueAt = (notification.sendAt ?? notification.createdAt).toISOString();
  await tx.execute(sql`
    insert into digest_items (user_id, notification_id, category, due_at)
    select audience.user_id, ${notification.id}::uuid, ${category.key}, ${dueAt}::timestamptz
    from (${audience}) as audience
    join notification_preferences p on p.user_id = audience.user_id and p.category = ${category.key}
    where p.email_mode = 'daily'
    on conflict do nothing`);
}
