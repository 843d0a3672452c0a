import { and, isNotNull, lt } from "drizzle-orm";
import type { Database } from "@/db/client";
import { activities } from "@/db/schema";

/** Deletes activities whose time to live has passed; returns how many. Safe to run anywhere, any time. */
export async function purgeExpiredActivities(db: Database, now = new Date()): Promise<number> {
  const purged = await db
    .delete(activities)
    .where(and(isNotNull(activities.expiresAt), lt(activities.expiresAt, now)))
    .returning({ id: activities.id });
  return purged.length;
}
