import { and, gt, isNotNull, lt, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { activities } from "@/db/schema";
import { withActivityGuard } from "./append-only-guards";

/**
 * Deletes activities whose time to live has passed; returns how many. The one path that deletes
 * activity history: the database refuses any other delete, and this one too for a row not yet
 * expired. It asks with the trigger's own test on the database's clock, so an app server whose
 * clock runs ahead never asks for a row the trigger would refuse. Safe to run anywhere, any time.
 */
export async function purgeExpiredActivities(db: Database): Promise<number> {
  return withActivityGuard(db, "purgeExpired", async (tx) => {
    const purged = await tx
      .delete(activities)
      .where(
        and(
          // expires_at (indexed) finds the candidates; the rest is the trigger's condition.
          isNotNull(activities.expiresAt),
          lt(activities.expiresAt, sql`now()`),
          gt(activities.timetoLiveForRecord, 0),
          sql`${activities.createdAt} + ${activities.timetoLiveForRecord} * interval '24 hours' < now()`,
        ),
      )
      .returning({ id: activities.id });
    return purged.length;
  });
}
