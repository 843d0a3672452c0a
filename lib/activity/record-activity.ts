import type { Database } from "@/db/client";
import { activities, type NewActivity } from "@/db/schema";

/** Appends activity-history rows; callers pass their transaction so the entry commits with the change. */
export async function recordActivities(db: Database, rows: NewActivity[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(activities).values(rows);
}
