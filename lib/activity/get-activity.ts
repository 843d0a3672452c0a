import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { activities } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import type { Caller } from "@/lib/auth/caller";
import { mayReadHistory } from "@/lib/auth/policies";
import { findHistoryRecord } from "./readable-history";
import type { ActivityResponse } from "./schemas";
import { toActivityResponse } from "./to-response";

/**
 * One activity, as the list shows it, for a caller who may read its record's history
 * (mayReadHistory). Otherwise the same 404 as for an id nobody stored, so ids leak nothing.
 */
export async function getActivity(db: Database, caller: Caller, id: string): Promise<ActivityResponse> {
  const [activity] = await db.select().from(activities).where(eq(activities.id, id));
  if (!activity || !mayReadHistory(caller, await findHistoryRecord(db, caller, activity))) {
    throw new ApiError("not_found", "There is no such activity");
  }
  return toActivityResponse(activity);
}
