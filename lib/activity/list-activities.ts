import { and, desc, eq, gte, lte } from "drizzle-orm";
import type { Database } from "@/db/client";
import { activities } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { afterPosition, positionAt, readPaginationToken, toPage, type Page } from "@/lib/api/pagination";
import type { Caller } from "@/lib/auth/caller";
import { readableActivities } from "./readable-history";
import type { ActivityResponse, ListActivitiesQuery } from "./schemas";
import { toActivityResponse } from "./to-response";

/**
 * One record's history, newest first, on the (target_id, created_at desc, id desc) index: the rows
 * the caller may read (readableActivities). A record with no history the caller may read is a 404,
 * as the council's API answers for a record with none, so ids leak nothing; so is a filter that
 * leaves nothing. `from`/`to` bound the index range itself; `type`, `targetType` and `sourceDomain`
 * are checked on the rows that range yields, which are one record's (targetId is required: reading
 * across records is the export's job, under its own scope). The paging token is a keyset position,
 * so it pages any filter correctly.
 */
export async function listActivities(
  db: Database,
  caller: Caller,
  query: ListActivitiesQuery,
): Promise<Page<ActivityResponse>> {
  const after = readPaginationToken(query.paginationToken);
  const rows = await db
    .select({ activity: activities, at: positionAt(activities.createdAt) })
    .from(activities)
    .where(
      and(
        eq(activities.targetId, query.targetId),
        readableActivities(caller),
        query.type ? eq(activities.type, query.type) : undefined,
        query.targetType ? eq(activities.targetType, query.targetType) : undefined,
        query.sourceDomain ? eq(activities.sourceDomain, query.sourceDomain) : undefined,
        query.from ? gte(activities.createdAt, new Date(query.from)) : undefined,
        query.to ? lte(activities.createdAt, new Date(query.to)) : undefined,
        afterPosition({ at: activities.createdAt, id: activities.id }, after),
      ),
    )
    .orderBy(desc(activities.createdAt), desc(activities.id))
    .limit(query.pageSize + 1);
  if (rows.length === 0 && !after) throw new ApiError("not_found", "There is no activity history for this record");
  return toPage(
    rows,
    query.pageSize,
    (row) => ({ at: row.at, id: row.activity.id }),
    (row) => toActivityResponse(row.activity),
  );
}
