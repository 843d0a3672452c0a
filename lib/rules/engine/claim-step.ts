import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
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
