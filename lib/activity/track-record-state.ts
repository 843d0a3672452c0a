import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { ruleTrackedRecords, rules, type ActivityTargetType } from "@/db/schema";

export type TrackedActivity = { targetType: ActivityTargetType; targetId: string; createdAt: Date };

/**
 * Moves each record's row in rule_tracked_records on to its newest stored activity, in the
 * transaction that stored them. `eventType` is the council event the activities came from, when
 * there was one: if an enabled stalled rule for the record's type names it among its closing
 * events, the record is closed; any later activity reopens it. An activity older than the record's
 * latest (a late, back-dated event) changes nothing.
 */
export async function trackRecordState(tx: Database, stored: TrackedActivity[], eventType?: string): Promise<void> {
  const latest = new Map<string, TrackedActivity>();
  for (const activity of stored) {
    const key = `${activity.targetType}:${activity.targetId}`;
    const seen = latest.get(key);
    if (!seen || seen.createdAt < activity.createdAt) latest.set(key, activity);
  }
  if (latest.size === 0) return;
  const rows = await Promise.all(
    [...latest.values()].map(async (activity) => ({
      ...activity,
      lastActivityAt: activity.createdAt,
      closedAt: eventType && (await closes(tx, activity.targetType, eventType)) ? activity.createdAt : null,
    })),
  );
  await tx
    .insert(ruleTrackedRecords)
    .values(
      rows.map(({ targetType, targetId, lastActivityAt, closedAt }) => ({
        targetType,
        targetId,
        lastActivityAt,
        closedAt,
      })),
    )
    .onConflictDoUpdate({
      target: [ruleTrackedRecords.targetType, ruleTrackedRecords.targetId],
      set: {
        lastActivityAt: sql`greatest(${ruleTrackedRecords.lastActivityAt}, excluded.last_activity_at)`,
        closedAt: sql`case when excluded.last_activity_at >= ${ruleTrackedRecords.lastActivityAt}
          then excluded.closed_at else ${ruleTrackedRecords.closedAt} end`,
      },
    });
}

/** Whether an enabled stalled rule for this record type counts the event as closing the record. */
async function closes(tx: Database, targetType: ActivityTargetType, eventType: string): Promise<boolean> {
  const name = eventType.endsWith("Event") ? eventType : `${eventType}Event`;
  const found = await tx
    .select({ id: rules.id })
    .from(rules)
    .where(
      and(
        eq(rules.kind, "stalled"),
        eq(rules.enabled, true),
        sql`${rules.definition}->>'targetType' = ${targetType}`,
        sql`${rules.definition}->'closingEventTypes' ? ${name}`,
      ),
    )
    .limit(1);
  return found.length > 0;
}
