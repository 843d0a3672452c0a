import type { Database } from "@/db/client";
import type { Rule, Visit } from "@/db/schema";
import type { ReminderRule } from "./definitions";
import { personById, residentChannel } from "./engine/visit-reminder-channel";
import {
  dueVisitReminders,
  laterDueOffset,
  officerReminderExplanation,
  supersededExplanation,
} from "./engine/visit-reminders";
import { previewItemLimit, type ReminderRulePreview } from "./preview-schema";

type ReminderItem = ReminderRulePreview["reminders"]["items"][number];

/** Visits counted per offset: the sweep looks at 200 a run; a preview may count further. */
const countedPerOffset = 1_000;

/**
 * The dry run of a reminder rule: for each offset, the visits whose reminder is due now and not yet
 * sent, by the sweep's own query (dueVisitReminders), each with how it would go: to the officer's
 * inbox, to the resident by the channel residentChannel chooses, or not at all and why (a later
 * offset due too, or a resident with no usable detail).
 */
export async function previewReminderRule(
  db: Database,
  rule: Rule,
  definition: ReminderRule,
  now: Date,
): Promise<ReminderRulePreview> {
  let total = 0;
  const items: ReminderItem[] = [];
  for (const offset of definition.offsets) {
    const due = await dueVisitReminders(db, rule, definition, offset, now, countedPerOffset);
    total += due.length;
    for (const visit of due.slice(0, previewItemLimit - items.length))
      items.push(await describeReminder(db, definition, offset, visit, now));
  }
  return {
    ruleId: rule.id,
    kind: "reminder",
    enabled: rule.enabled,
    at: now.toISOString(),
    reminders: { total, items },
  };
}

async function describeReminder(
  db: Database,
  definition: ReminderRule,
  offset: string,
  visit: Visit,
  now: Date,
): Promise<ReminderItem> {
  const facts = { visitId: visit.id, propertyId: visit.propertyId, startsAt: visit.startsAt.toISOString(), offset };
  const later = laterDueOffset(definition, offset, visit.startsAt, now);
  if (later) return { ...facts, channel: null, recipient: null, explanation: supersededExplanation(later) };
  if (definition.recipient === "officer")
    return {
      ...facts,
      channel: "inbox",
      recipient: { userId: visit.officerUserId },
      explanation: officerReminderExplanation,
    };
  const choice = residentChannel(await personById(db, visit.residentUserId));
  if (!("channel" in choice)) return { ...facts, channel: null, recipient: null, explanation: choice.explanation };
  return {
    ...facts,
    channel: choice.channel,
    recipient: { userId: choice.resident.id },
    explanation: choice.explanation,
  };
}
