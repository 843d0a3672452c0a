import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  activityTargetTypes,
  notificationActions,
  notificationReceipts,
  notifications,
  type ActivityTargetType,
  type Notification,
} from "@/db/schema";
import { recordActivities, type ActivityEntry } from "@/lib/activity/record-activity";
import type { ClientCaller } from "@/lib/auth/caller";
import { createNotificationBodySchema } from "@/lib/notifications/contract/create-notification-body";
import { createNotification } from "@/lib/notifications/create-notification";
import { recordNotificationEvent } from "@/lib/realtime/record-event";
import type { EscalationRule } from "@/lib/rules/definitions";
import { claimRuleStep, recordStepNotification } from "./claim-step";
import { escalationAudience } from "./escalation-audience";
import { describeDuration } from "./escalation-timing";

export type EscalationStep = "reminder" | "escalation";

export type StepContext = {
  ruleId: string;
  rule: EscalationRule;
  caller: ClientCaller;
  now: Date;
  /** Runs right after the step is claimed, inside its transaction (tests interrupt a sweep here). */
  onStepClaimed?: (step: EscalationStep, notificationId: string) => void | Promise<void>;
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The item, locked, if it still waits for this step: open, needing action, not acted on, and the
 * step not yet taken. SKIP LOCKED: an item another sweep (or someone acting on it) holds is left
 * for them; once they commit, the re-read row no longer matches.
 */
async function lockOpenItem(tx: Database, id: string, step: EscalationStep): Promise<Notification | undefined> {
  const [item] = await tx
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.id, id),
        eq(notifications.requireAction, true),
        isNull(notifications.performedActionType),
        isNull(notifications.deletedAt),
        isNull(notifications.escalatedAt),
        step === "reminder" ? isNull(notifications.remindedAt) : undefined,
      ),
    )
    .for("update", { skipLocked: true });
  return item;
}

/** The step on the item's own history, and on the timeline of the record it is about (when that has one). */
function stepActivities(item: Notification, now: Date, newData: Record<string, unknown>): ActivityEntry[] {
  const onItem: ActivityEntry = {
    targetType: "notification",
    targetId: item.id,
    type: "update",
    createdAt: now,
    newData,
    sourceDomain: "Notifications",
  };
  const target = item.targetType as ActivityTargetType;
  const hasTimeline = item.targetId !== null && uuidPattern.test(item.targetId) && activityTargetTypes.includes(target);
  if (!hasTimeline || target === "notification") return [onItem];
  return [
    onItem,
    { ...onItem, targetType: target, targetId: item.targetId!, newData: { notificationId: item.id, ...newData } },
  ];
}

async function recordStep(
  tx: Database,
  context: StepContext,
  item: Notification,
  actionType: "Reminded" | "Escalated",
  note: string,
  newData: Record<string, unknown>,
): Promise<void> {
  await tx.insert(notificationActions).values({
    notificationId: item.id,
    actionType,
    actionNote: note,
    performedBy: context.caller.name,
    performedByClientId: context.caller.id,
    performedAt: context.now,
  });
  await recordActivities(tx, context.caller, stepActivities(item, context.now, newData));
  await recordNotificationEvent(tx, { type: "notification.updated", notificationId: item.id });
}

/**
 * Re-announces the item to everyone who holds it: the same item comes back unread (and out of the
 * archive) rather than a second item arriving, so there is still one thing to act on and acting on
 * it settles it for everyone. True when this call took the step.
 */
export async function remindItem(tx: Database, context: StepContext, id: string): Promise<boolean> {
  const item = await lockOpenItem(tx, id, "reminder");
  if (!item) return false;
  if (
    !(await claimRuleStep(tx, { ruleId: context.ruleId, subjectType: "notification", subjectId: id, step: "reminder" }))
  )
    return false;
  await context.onStepClaimed?.("reminder", id);
  const waited = describeDuration(context.rule.remindAfter, context.rule.timeMode);
  await tx.update(notifications).set({ remindedAt: context.now }).where(eq(notifications.id, id));
  await tx
    .update(notificationReceipts)
    .set({ readAt: null, archivedAt: null })
    .where(and(eq(notificationReceipts.notificationId, id), isNull(notificationReceipts.deletedAt)));
  await recordStep(tx, context, item, "Reminded", `Reminder: not acted on for ${waited}`, {
    remindedAt: context.now.toISOString(),
    reminder: `Not acted on for ${waited}`,
  });
  return true;
}

/**
 * Sends the item to the managers of its audience, each copy needing action, through the same
 * create pipeline as the API's (preferences, digests, live events), and marks the original
 * "Escalated to … : not acted on for …". True when this call took the step.
 */
export async function escalateItem(tx: Database, context: StepContext, id: string): Promise<boolean> {
  const item = await lockOpenItem(tx, id, "escalation");
  if (!item) return false;
  const key = { ruleId: context.ruleId, subjectType: "notification", subjectId: id, step: "escalation" };
  if (!(await claimRuleStep(tx, key))) return false;
  await context.onStepClaimed?.("escalation", id);
  const waited = describeDuration(context.rule.escalateAfter, context.rule.timeMode);
  const audience = await escalationAudience(tx, item, context.rule.fallbackRole);
  const copies: string[] = [];
  for (const recipient of audience.recipients) {
    const created = await createNotification(tx, context.caller, escalatedCopyBody(item, recipient, waited));
    copies.push(created.notification.id);
  }
  await tx
    .update(notifications)
    .set({ escalatedAt: context.now, escalatedTo: audience.label, escalatedAfter: waited })
    .where(eq(notifications.id, id));
  if (copies[0]) await recordStepNotification(tx, key, copies[0]);
  await recordStep(tx, context, item, "Escalated", `Escalated to ${audience.label}: not acted on for ${waited}`, {
    escalatedAt: context.now.toISOString(),
    escalatedTo: audience.label,
    notActedOnFor: waited,
    escalatedCopies: copies,
  });
  return true;
}

/**
 * The managers' copy, validated as an API body would be. The original's record and link carry
 * over when they pass today's rules; an older item's odd target type is dropped rather than
 * stopping the escalation.
 */
function escalatedCopyBody(item: Notification, recipient: unknown, waited: string) {
  const message = `Escalated, not acted on for ${waited}: ${item.message ?? "an item needing action"}`.slice(0, 2000);
  const base = {
    notificationType: "Screen",
    message,
    recipient,
    requireAction: true,
    category: item.category ?? undefined,
  };
  const full = createNotificationBodySchema.safeParse({
    ...base,
    targetType: item.targetType ?? undefined,
    targetId: item.targetId ?? undefined,
    actionUrl: item.actionUrl ?? undefined,
  });
  return full.success ? full.data : createNotificationBodySchema.parse(base);
}
