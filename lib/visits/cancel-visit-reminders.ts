import { and, eq, isNotNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { ruleSteps, type Visit } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { cancelUnsentDeliveries } from "@/lib/notifications/cancel-notification";
import { stepStillStands } from "@/lib/rules/engine/visit-reminder-steps";

/**
 * Cancels the emails, texts and letters of a visit's reminders that no longer fit it and are not
 * yet handed to GOV.UK Notify, in the caller's transaction (the visit's change commits with it):
 * every one when the visit is cancelled (`visit` null), those made for another start time or
 * officer when it is moved. The sweep's new steps carry the new time (visit-reminder-steps.ts).
 * Each cancellation is in the reminder's own audit trail; one already sent is left as it is.
 */
export async function cancelVisitReminders(
  tx: Database,
  caller: Caller,
  visitId: string,
  visit: Pick<Visit, "startsAt" | "officerUserId"> | null,
): Promise<void> {
  const made = await tx
    .select({ step: ruleSteps.step, notificationId: ruleSteps.notificationId })
    .from(ruleSteps)
    .where(
      and(eq(ruleSteps.subjectType, "visit"), eq(ruleSteps.subjectId, visitId), isNotNull(ruleSteps.notificationId)),
    );
  for (const { step, notificationId } of made) {
    if (visit && stepStillStands(step, visit)) continue;
    await cancelUnsentDeliveries(tx, caller, notificationId!);
  }
}
