import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { activities } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import type { Caller } from "@/lib/auth/caller";
import { readableActivities } from "./readable-history";
import type { ActivityResponse } from "./schemas";
import { toActivityResponse } from "./to-response";

/**
 * One activity, as the list shows it, for a caller who may read its record's history: the list's
 * own condition (readableActivities, mayReadHistory in SQL) in the same one query, so a notification's
 * activity needs no second look-up of the caller's standing. Otherwise the same 404 as for an id
 * nobody stored, so ids leak nothing.
 */
export async function getActivity(db: Database, caller: Caller, id: string): Promise<ActivityResponse> {
  const [activity] = await db
    .select()
    .from(activities)
    .where(and(eq(activities.id, id), readableActivities(caller)));
  if (!activity) throw new ApiError("not_found", "There is no such activity");
  return toActivityResponse(activity);
}
