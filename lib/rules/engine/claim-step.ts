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
