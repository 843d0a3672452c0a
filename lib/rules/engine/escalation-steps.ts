import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { notificationReceipts, notifications, type Notification } from "@/db/schema";
import type { ClientCaller } from "@/lib/auth/caller";
import { createNotificationsInTransaction } from "@/lib/notifications/submit-notifications";
import { uuidArray } from "@/db/sql-arrays";
import { claimRuleSteps, recordStepNotifications, type StepKey } from "./claim-step";
import type { ActiveRule, DueItem } from "./escalation-due";
import { escalationAudiences } from "./escalation-audience";
import { escalatedCopyBody } from "./inbox-notice-body";
import { recordSteps, type StepRecord } from "./record-steps";
import { describeDuration } from "./escalation-timing";

export type EscalationStep = "reminder" | "escalation";

/** What every step of one sweep shares. */
export type StepRun = {
  caller: ClientCaller;
  now: Date;
  /**
   * Runs for each step a batch claimed, once the whole batch is claimed and before anything else
   * is written, inside the batch's transaction (tests interrupt a sweep here).
   */
  onStepClaimed?: (step: EscalationStep, notificationId: string) => void | Promise<void>;
};

type Claimed = { item: Notification; rule: ActiveRule; key: StepKey };

/**
 * Takes the step for a batch of due items in one transaction, which holds every claim, every
 * notification and every audit entry of the batch: all of it commits, or none of it (so a sweep
 * killed mid-batch leaves the batch for the next one). The number of steps taken: an item someone
 * acted on meanwhile, whose step is taken, or that another transaction holds, is left out. The
 * ids of the items whose step this call took.
 */
export async function takeSteps(db: Database, run: StepRun, step: EscalationStep, due: DueItem[]): Promise<string[]> {
  return db.transaction(async (tx) => {
    const claimed = await lockAndClaim(tx, run, step, due);
    if (claimed.length === 0) return [];
    if (step === "reminder") await remind(tx, run, claimed);
    else await escalate(tx, run, claimed);
    return claimed.map(({ item }) => item.id);
  });
}

/**
 * Locks the items that still wait for the step (open, needing action, not acted on, the step not
 * yet taken) in one statement, then claims their steps in one more. SKIP LOCKED: an item another
 * sweep (or someone acting on it) holds is left for them; once they commit, the re-read row no
 * longer matches. An item due under two rules is taken once, for the first (the oldest rule).
 */
async function lockAndClaim(tx: Database, run: StepRun, step: EscalationStep, due: DueItem[]): Promise<Claimed[]> {
  const ruleOf = new Map<string, ActiveRule>();
  for (const { id, rule } of due) if (!ruleOf.has(id)) ruleOf.set(id, rule);
  const locked = await tx
    .select()
    .from(notifications)
    .where(
      and(
        sql`${notifications.id} = any(${uuidArray([...ruleOf.keys()])})`,
        eq(notifications.requireAction, true),
        isNull(notifications.performedActionType),
        isNull(notifications.deletedAt),
        isNull(notifications.escalatedAt),
        step === "reminder" ? isNull(notifications.remindedAt) : undefined,
      ),
    )
    .for("update", { skipLocked: true });
  const keyOf = (item: Notification): StepKey => ({
    ruleId: ruleOf.get(item.id)!.id,
    subjectType: "notification",
    subjectId: item.id,
    step,
  });
  const taken = new Set((await claimRuleSteps(tx, locked.map(keyOf))).map((key) => key.subjectId));
  const byId = new Map(locked.map((item) => [item.id, item]));
  // In the order they were due, oldest first, as the audit entries and copies are written.
  const claimed = [...ruleOf.entries()].flatMap(([id, rule]) => {
    const item = byId.get(id);
    return item && taken.has(id) ? [{ item, rule, key: keyOf(item) }] : [];
  });
  for (const { item } of claimed) await run.onStepClaimed?.(step, item.id);
  return claimed;
}

/**
 * Re-announces each item to everyone who holds it: the same item comes back unread (and out of the
 * archive) rather than a second item arriving, so there is still one thing to act on and acting on
 * it settles it for everyone.
 */
async function remind(tx: Database, run: StepRun, claimed: Claimed[]): Promise<void> {
  const ids = uuidArray(claimed.map(({ item }) => item.id));
  await tx
    .update(notifications)
    .set({ remindedAt: run.now })
    .where(sql`${notifications.id} = any(${ids})`);
  await tx
    .update(notificationReceipts)
    .set({ readAt: null, archivedAt: null })
    .where(and(sql`${notificationReceipts.notificationId} = any(${ids})`, isNull(notificationReceipts.deletedAt)));
  await recordSteps(
    tx,
    run,
    claimed.map(({ item, rule }): StepRecord => {
      const waited = describeDuration(rule.rule.remindAfter, rule.rule.timeMode);
      return {
        item,
        actionType: "Reminded",
        note: `Reminder: not acted on for ${waited}`,
        newData: { remindedAt: run.now.toISOString(), reminder: `Not acted on for ${waited}` },
      };
    }),
  );
}

/**
 * Sends each item to the managers of its audience, each copy needing action, through the same
 * create pipeline as the API's (directory checks, per-recipient caps, preferences, digests, live
 * events) in one call for the whole batch, and marks each original "Escalated to … : not acted on
 * for …". The caps are counted in the transaction, so they are given back if it fails after all.
 */
async function escalate(tx: Database, run: StepRun, claimed: Claimed[]): Promise<void> {
  const audiences = await escalationAudiences(
    tx,
    claimed.map(({ item, rule }) => ({ item, fallbackRole: rule.rule.fallbackRole })),
  );
  const waited = claimed.map(({ rule }) => describeDuration(rule.rule.escalateAfter, rule.rule.timeMode));
  const bodies = claimed.flatMap(({ item }, index) =>
    audiences[index]!.recipients.map((recipient) => escalatedCopyBody(item, recipient, waited[index]!)),
  );
  const { created } = await createNotificationsInTransaction(tx, run.caller, bodies);
  // The copies come back in the order of the bodies: each item's run of them, in turn.
  let next = 0;
  const copies = audiences.map(({ recipients }) =>
    created.slice(next, (next += recipients.length)).map((copy) => copy.notification.id),
  );
  const marks = claimed.map(({ item }, index) => ({
    id: item.id,
    escalated_to: audiences[index]!.label,
    escalated_after: waited[index]!,
  }));
  await tx.execute(sql`
    update notifications n
    set escalated_at = ${run.now.toISOString()}::timestamptz, escalated_to = m.escalated_to,
      escalated_after = m.escalated_after
    from jsonb_to_recordset(${JSON.stringify(marks)}::jsonb) as m(id uuid, escalated_to text, escalated_after text)
    where n.id = m.id`);
  await recordStepNotifications(
    tx,
    claimed.flatMap(({ key }, index) => (copies[index]![0] ? [{ key, notificationId: copies[index]![0] }] : [])),
  );
  await recordSteps(
    tx,
    run,
    claimed.map(({ item }, index): StepRecord => {
      const label = audiences[index]!.label;
      return {
        item,
        actionType: "Escalated",
        note: `Escalated to ${label}: not acted on for ${waited[index]}`,
        escalation: { escalatedTo: label, notActedOnFor: waited[index]! },
        newData: {
          escalatedAt: run.now.toISOString(),
          escalatedTo: label,
          notActedOnFor: waited[index],
          escalatedCopies: copies[index],
        },
      };
    }),
  );
}
