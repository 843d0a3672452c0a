import { inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { notifications, type Notification, type Rule } from "@/db/schema";
import { recipientOf } from "@/lib/notifications/to-response";
import type { EscalationRule } from "./definitions";
import { escalationAudiences } from "./engine/escalation-audience";
import { countDueItems, cutoffsAt, dueItems, type DueOptions } from "./engine/escalation-due";
import type { EscalationStep } from "./engine/escalation-steps";
import { previewItemLimit, type EscalationRulePreview } from "./preview-schema";

type DueList = EscalationRulePreview["reminders"];

/**
 * The dry run of an escalation rule: the items due now for a reminder and for an escalation, found
 * by the sweep's own query (escalation-due.ts), with whom each step would reach. A reminder goes
 * back to the item's own audience; an escalation to the managers escalationAudiences names. Items
 * already past the escalation time are listed only as escalations, since the sweep escalates them
 * first and never reminds them.
 */
export async function previewEscalationRule(
  db: Database,
  rule: Rule,
  definition: EscalationRule,
  now: Date,
): Promise<EscalationRulePreview> {
  const active = [{ id: rule.id, rule: definition }];
  const cutoffs = cutoffsAt(now);
  const dueFor = async (step: EscalationStep, options: DueOptions = {}) => {
    const due = await dueItems(db, active, step, cutoffs, previewItemLimit, options);
    const total = await countDueItems(db, active, step, cutoffs, options);
    return {
      total,
      items: await itemsById(
        db,
        due.map(({ id }) => id),
      ),
    };
  };
  const reminders = await dueFor("reminder", { notDueForEscalation: true });
  const escalations = await dueFor("escalation");
  const reminderList: DueList = {
    total: reminders.total,
    items: reminders.items.map((item) => {
      const recipient = recipientOf(item);
      return {
        ...itemFacts(item),
        sentTo: "its own audience, as unread again",
        recipients: recipient ? [recipient] : [],
      };
    }),
  };
  const audiences = await escalationAudiences(
    db,
    escalations.items.map((item) => ({ item, fallbackRole: definition.fallbackRole })),
  );
  const escalationList: DueList = {
    total: escalations.total,
    items: escalations.items.map((item, index) => ({
      ...itemFacts(item),
      sentTo: audiences[index]!.label,
      recipients: audiences[index]!.recipients,
    })),
  };
  return {
    ruleId: rule.id,
    kind: "escalation",
    enabled: rule.enabled,
    at: now.toISOString(),
    reminders: reminderList,
    escalations: escalationList,
  };
}

/** The items, in the order of `ids` (the sweep's order). */
async function itemsById(db: Database, ids: string[]): Promise<Notification[]> {
  if (ids.length === 0) return [];
  const rows = await db.select().from(notifications).where(inArray(notifications.id, ids));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

function itemFacts(item: Notification) {
  return {
    notificationId: item.id,
    message: item.message,
    createdDate: item.createdAt.toISOString(),
    targetType: item.targetType,
    targetId: item.targetId,
  };
}
