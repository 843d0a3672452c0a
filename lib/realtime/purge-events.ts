import { lt } from "drizzle-orm";
import type { Database } from "@/db/client";
import { notificationEvents } from "@/db/schema";

/** Long enough for any browser to reconnect and replay what it missed; older events only cost space. */
const eventRetentionMs = 24 * 60 * 60 * 1000;

/** Deletes events older than the retention period; returns how many. Idempotent, so every replica may run it. */
export async function purgeOldNotificationEvents(db: Database, now = new Date()): Promise<number> {
  const purged = await db
    .delete(notificationEvents)
    .where(lt(notificationEvents.createdAt, new Date(now.getTime() - eventRetentionMs)))
    .returning({ id: notificationEvents.id });
  return purged.length;
}
