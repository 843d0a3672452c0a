import { and, asc, eq, isNull, lte, or } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { ruleTrackedRecords, type ActivityTargetType } from "@/db/schema";
import { afterPosition, paginationQuerySchema, positionAt, readPaginationToken, toPage } from "@/lib/api/pagination";
import type { Caller } from "@/lib/auth/caller";
import { stalledTypesCovered } from "@/lib/auth/permissions";
import { systemClock, type Clock } from "../time/clock";
import { quietFor } from "./quiet-for";
import { activeStalledRules } from "./stalled-rules";

export const listStalledQuerySchema = paginationQuerySchema;
export type ListStalledQuery = z.infer<typeof listStalledQuerySchema>;

export const stalledRecordSchema = z
  .object({
    targetType: z.string(),
    targetId: z.uuid(),
    lastActivityAt: z.string().meta({ description: "When the record's latest activity happened (ISO 8601)" }),
    quietFor: z.string().meta({ description: 'How long it has been quiet, e.g. "16 days"' }),
    timelineUrl: z.string().meta({ description: "The record's timeline in this service" }),
  })
  .meta({ id: "StalledRecord" });
export type StalledRecordResponse = z.infer<typeof stalledRecordSchema>;

/**
 * The work tray's Stalled view: the records stalled now under an enabled stalled rule, of the
 * types whose history the caller may read (stalledTypesCovered; residents and services without
 * activity:read see none), quietest first. Read from rule_tracked_records, not from notices, so a
 * record leaves the list the moment an activity arrives and whether or not a notice went out.
 */
export async function listStalledRecords(
  db: Database,
  caller: Caller,
  query: ListStalledQuery,
  clock: Clock = systemClock,
) {
  const position = readPaginationToken(query.paginationToken);
  const covered = new Set<ActivityTargetType>(stalledTypesCovered(caller));
  // Two rules for one type: the shorter `after` (the later cutoff) decides when its records stall.
  const cutoffs = new Map<ActivityTargetType, Date>();
  for (const rule of await activeStalledRules(db, clock)) {
    const type = rule.definition.targetType;
    if (!covered.has(type)) continue;
    const known = cutoffs.get(type);
    if (!known || known < rule.cutoff) cutoffs.set(type, rule.cutoff);
  }
  if (cutoffs.size === 0)
    return toPage(
      [],
      query.pageSize,
      () => null,
      (row: never) => row,
    );
  const records = ruleTrackedRecords;
  const rows = await db
    .select({
      targetType: records.targetType,
      targetId: records.targetId,
      lastActivityAt: records.lastActivityAt,
      at: positionAt(records.lastActivityAt),
    })
    .from(records)
    .where(
      and(
        or(
          ...[...cutoffs].map(([type, cutoff]) =>
            and(eq(records.targetType, type), isNull(records.closedAt), lte(records.lastActivityAt, cutoff)),
          ),
        ),
        afterPosition({ at: records.lastActivityAt, id: records.targetId }, position, "oldest first"),
      ),
    )
    .orderBy(asc(records.lastActivityAt), asc(records.targetId))
    .limit(query.pageSize + 1);
  const now = clock.now();
  return toPage(
    rows,
    query.pageSize,
    (row) => ({ at: row.at, id: row.targetId }),
    (row): StalledRecordResponse => ({
      targetType: row.targetType,
      targetId: row.targetId,
      lastActivityAt: row.lastActivityAt.toISOString(),
      quietFor: quietFor(row.lastActivityAt, now),
      timelineUrl: `/activity/${row.targetType}/${row.targetId}`,
    }),
  );
}
