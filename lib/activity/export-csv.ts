import { and, asc, eq, gte, lte } from "drizzle-orm";
import type { Database } from "@/db/client";
import { activities, type Activity } from "@/db/schema";
import { afterPosition, positionAt, type KeysetPosition } from "@/lib/api/pagination";
import type { Caller } from "@/lib/auth/caller";
import { readableActivities } from "./readable-history";
import type { ExportActivitiesQuery } from "./schemas";

const BATCH = 1000;
const columns = [
  "id",
  "targetType",
  "targetId",
  "type",
  "createdAt",
  "authorName",
  "authorEmail",
  "sourceDomain",
  "timetoLiveForRecord",
  "oldData",
  "newData",
  "onBehalfOfName",
  "onBehalfOfEmail",
  "recordedAt",
];

/**
 * The matching activities the caller may read (readableActivities, in SQL so every batch is full)
 * as CSV (RFC 4180), oldest first, read in keyset batches so an export of millions of rows streams
 * in constant memory.
 */
export function exportActivitiesCsv(
  db: Database,
  caller: Caller,
  query: ExportActivitiesQuery,
): ReadableStream<Uint8Array> {
  const readable = readableActivities(caller);
  const encoder = new TextEncoder();
  let after: KeysetPosition | undefined;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(`${columns.join(",")}\r\n`));
        return;
      }
      const rows = await db
        .select({ activity: activities, at: positionAt(activities.createdAt) })
        .from(activities)
        .where(
          and(
            readable,
            query.targetType ? eq(activities.targetType, query.targetType) : undefined,
            query.from ? gte(activities.createdAt, new Date(query.from)) : undefined,
            query.to ? lte(activities.createdAt, new Date(query.to)) : undefined,
            afterPosition({ at: activities.createdAt, id: activities.id }, after, "oldest first"),
          ),
        )
        .orderBy(asc(activities.createdAt), asc(activities.id))
        .limit(BATCH);
      if (rows.length > 0) controller.enqueue(encoder.encode(rows.map((row) => toCsvLine(row.activity)).join("")));
      if (rows.length < BATCH) controller.close();
      else after = { at: rows.at(-1)!.at, id: rows.at(-1)!.activity.id };
    },
  });
}

function toCsvLine(activity: Activity): string {
  const values = [
    activity.id,
    activity.targetType,
    activity.targetId,
    activity.type,
    activity.createdAt.toISOString(),
    activity.authorDetails.fullName,
    activity.authorDetails.email,
    activity.sourceDomain ?? "",
    String(activity.timetoLiveForRecord),
    activity.oldData ? JSON.stringify(activity.oldData) : "",
    activity.newData ? JSON.stringify(activity.newData) : "",
    activity.onBehalfOf?.fullName ?? "",
    activity.onBehalfOf?.email ?? "",
    activity.recordedAt.toISOString(),
  ];
  return `${values.map(csvField).join(",")}\r\n`;
}

/** Quotes when needed, and defuses spreadsheet formulas (a cell starting = + - @ is prefixed with '). */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
