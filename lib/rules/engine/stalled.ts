import { and, asc, count, eq, isNull, lte, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { ruleSteps, ruleTrackedRecords } from "@/db/schema";
import { logger } from "@/lib/logging/logger";
import { systemClock, type Clock } from "../time/clock";
import { claimRuleStep, recordStepNotification } from "./claim-step";
import { createStalledNotification } from "./create-stalled-notification";
import { rulesCaller } from "./rules-caller";
import { quietFor } from "./quiet-for";
import { activeStalledRules, type ActiveStalledRule } from "./stalled-rules";

/** At most this many notices per rule per run; the rest wait a minute, oldest first. */
const defaultBatchSize = 200;

/** The step a stall is claimed under: a record that resumes and stalls again is a new step. */
export const stalledStep = (lastActivityAt: Date) => `stalled:${lastActivityAt.toISOString()}`;

/**
 * Tells each enabled stalled rule's audience about every open record of its type quiet for the
 * rule's `after`, once per stall. The candidates come off rule_tracked_records' index of open
 * records (type, last activity), skipping stalls already claimed; each notice and its claim commit
 * together, so two workers, or a worker killed mid-run, neither lose nor double one.
 */
export async function sweepStalledRecords(
  db: Database,
  { clock = systemClock, batchSize = defaultBatchSize }: { clock?: Clock; batchSize?: number } = {},
): Promise<{ notified: number }> {
  const active = await activeStalledRules(db, clock);
  if (active.length === 0) return { notified: 0 };
  const caller = await rulesCaller(db);
  let notified = 0;
  for (const rule of active) {
    for (const record of await unclaimedStalls(db, rule, batchSize)) {
      const made = await db
        .transaction(async (tx) => {
          const key = {
            ruleId: rule.id,
            subjectType: record.targetType,
            subjectId: record.targetId,
            step: stalledStep(record.lastActivityAt),
          };
          if (!(await claimRuleStep(tx, key))) return false;
          const created = await createStalledNotification(
            tx,
            caller,
            rule,
            record,
            quietFor(record.lastActivityAt, clock.now()),
          );
          await recordStepNotification(tx, key, created.notification.id);
          return true;
        })
        .catch((error: unknown) => {
          // One audience that cannot be reached (a team since deleted) must not hold up the rest;
          // nothing was claimed, so the next run tries again.
          logger.warn({ err: error, ruleId: rule.id, targetType: record.targetType }, "stalled notice not made");
          return false;
        });
      if (made) notified += 1;
    }
  }
  return { notified };
}

type StallRule = Pick<ActiveStalledRule, "id" | "definition" | "cutoff">;

/** Open records of the rule's type stalled at the rule's cutoff whose stall this rule has not claimed. */
function unclaimedStall(rule: StallRule) {
  const records = ruleTrackedRecords;
  return and(
    eq(records.targetType, rule.definition.targetType),
    isNull(records.closedAt),
    lte(records.lastActivityAt, rule.cutoff),
    sql`not exists (select 1 from ${ruleSteps} s where s.rule_id = ${rule.id}
      and s.subject_type = ${records.targetType}::text and s.subject_id = ${records.targetId}::text
      and s.step = 'stalled:' || to_char(${records.lastActivityAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`,
  );
}

/** The stalls the sweep takes next for the rule, quietest first (the dry run lists the same). */
export function unclaimedStalls(db: Database, rule: StallRule, batchSize: number) {
  const records = ruleTrackedRecords;
  return db
    .select({ targetType: records.targetType, targetId: records.targetId, lastActivityAt: records.lastActivityAt })
    .from(records)
    .where(unclaimedStall(rule))
    .orderBy(asc(records.lastActivityAt), asc(records.targetId))
    .limit(batchSize);
}

/** How many stalls the rule has yet to tell anyone about. */
export async function countUnclaimedStalls(db: Database, rule: StallRule): Promise<number> {
  const [row] = await db.select({ count: count() }).from(ruleTrackedRecords).where(unclaimedStall(rule));
  return row?.count ?? 0;
}
