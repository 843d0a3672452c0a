import type { Database } from "@/db/client";
import { activities, type NewActivity } from "@/db/schema";
import { actorOf } from "@/lib/auth/actor";
import type { Caller } from "@/lib/auth/caller";

/** An activity as the service's own code records it: the author comes from the caller, the time of storing from the database. */
export type ActivityEntry = Omit<NewActivity, "authorDetails" | "recordedAt">;

/**
 * Appends activity-history rows written by the service on a caller's behalf (an action, a delete);
 * callers pass their transaction so the entry commits with the change.
 */
export async function recordActivities(db: Database, caller: Caller, entries: ActivityEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const authorDetails = actorOf(caller).author;
  await db.insert(activities).values(entries.map((entry) => ({ ...entry, authorDetails })));
}
