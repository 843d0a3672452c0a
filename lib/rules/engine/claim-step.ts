import { and, eq, sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";
import { ruleSteps } from "@/db/schema";

export type StepKey = { ruleId: string; subjectType: string; subjectId: string; step: string };

/**
 * Claims one step of one rule for one subject, inside the caller's transaction: true the first
 * time, false ever after. Take it before making the step's notification, in the same transaction,
 * so a rollback frees the claim and a concurrent sweep waits on the row and then sees it taken.
 */
export async function claimRuleStep(tx: Database, key: StepKey): Promise<boolean> {
  const claimed = await tx.insert(ruleSteps).values(key).onConflictDoNothing().returning({ ruleId: ruleSteps.ruleId });
  return claimed.length === 1;
}

/**
 * Notes on a claimed step the notification it made (the first, when it made several), in the same
 * transaction: so a step's row says what came of it, and a visit's cancellation finds its reminders.
 */
export async function recordStepNotification(tx: Database, key: StepKey, notificationId: string): Promise<void> {
  await tx
    .update(ruleSteps)
    .set({ notificationId })
    .where(
      and(
        eq(ruleSteps.ruleId, key.ruleId),
        eq(ruleSteps.subjectType, key.subjectType),
        eq(ruleSteps.subjectId, key.subjectId),
        eq(ruleSteps.step, key.step),
      ),
    );
}

// A set of keys travels as one JSON parameter, unpacked with jsonb_to_recordset: one statement of
// one parameter however many steps, and no quoting rules for a step named "stalled:2026-…".
const keysAsJson = (keys: StepKey[]) =>
  sql`${JSON.stringify(
    keys.map((key) => ({
      rule_id: key.ruleId,
      subject_type: key.subjectType,
      subject_id: key.subjectId,
      step: key.step,
    })),
  )}::jsonb`;

/**
 * claimRuleStep for many steps in one statement, inside the caller's transaction: the keys this
 * call took (each at most once, in no particular order); a key already taken, or taken by a
 * concurrent transaction that then commits, is left out.
 */
export async function claimRuleSteps(tx: Database, keys: StepKey[]): Promise<StepKey[]> {
  if (keys.length === 0) return [];
  const claimed = await tx.execute(sql`
    insert into rule_steps (rule_id, subject_type, subject_id, step)
    select k.rule_id, k.subject_type, k.subject_id, k.step
    from jsonb_to_recordset(${keysAsJson(keys)}) as k(rule_id uuid, subject_type text, subject_id text, step text)
    on conflict do nothing
    returning rule_id, subject_type, subject_id, step`);
  return rowsOf<{ rule_id: string; subject_type: string; subject_id: string; step: string }>(claimed).map((row) => ({
    ruleId: row.rule_id,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    step: row.step,
  }));
}

/** recordStepNotification for many claimed steps in one statement. */
export async function recordStepNotifications(
  tx: Database,
  made: { key: StepKey; notificationId: string }[],
): Promise<void> {
  if (made.length === 0) return;
  const rows = JSON.stringify(
    made.map(({ key, notificationId }) => ({
      rule_id: key.ruleId,
      subject_type: key.subjectType,
      subject_id: key.subjectId,
      step: key.step,
      notification_id: notificationId,
    })),
  );
  await tx.execute(sql`
    update rule_steps s set notification_id = m.notification_id
    from jsonb_to_recordset(${rows}::jsonb)
      as m(rule_id uuid, subject_type text, subject_id text, step text, notification_id uuid)
    where s.rule_id = m.rule_id and s.subject_type = m.subject_type and s.subject_id = m.subject_id
      and s.step = m.step`);
}
