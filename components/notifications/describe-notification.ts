import type { NotificationResponse } from "@/lib/notifications/contract/responses";
import { targetTypeNames } from "@/lib/activity/target-type-names";
import { roleLabels } from "@/lib/auth/roles";
import { findCategory } from "@/lib/rules/categories";

export const actionTypeLabels = {
  Approved: "Approved",
  Rejected: "Rejected",
  Validate: "Validated",
  Initiated: "Initiated",
  IsRead: "Read",
  Reminded: "Reminder sent",
  Escalated: "Escalated",
} as const;
export const channelNames = { email: "Email", sms: "Text message", letter: "Letter" } as const;

export function categoryName(item: Pick<NotificationResponse, "category">): string {
  return (item.category && findCategory(item.category)?.name) || "Notification";
}

/** "the finance team", "you", "all Repairs managers". */
export function describeRecipient(item: Pick<NotificationResponse, "recipient">, viewerId: string): string | undefined {
  const recipient = item.recipient;
  if (!recipient) return undefined;
  if ("team" in recipient) return `the ${recipient.team} team`;
  if ("role" in recipient) return `everyone who is a ${roleLabels[recipient.role].toLowerCase()}`;
  if ("residentsOf" in recipient) return "the residents of a property";
  return "userId" in recipient && recipient.userId === viewerId ? "you" : "one person";
}

export function timelineHref(item: Pick<NotificationResponse, "targetType" | "targetId">): string | undefined {
  if (!item.targetType || !item.targetId) return undefined;
  return `/activity/${encodeURIComponent(item.targetType)}/${encodeURIComponent(item.targetId)}`;
}

export function targetName(targetType: string): string {
  return targetTypeNames[targetType] ?? targetType;
}

const relative = new Intl.RelativeTimeFormat("en-GB", { numeric: "auto" });
const steps: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 7],
  ["week", 4.35],
  ["month", 12],
  ["year", Infinity],
];

/** "5 minutes ago", "yesterday". */
export function describeAge(iso: string, now: number = Date.now()): string {
  let amount = (Date.parse(iso) - now) / 1000;
  for (const [unit, size] of steps) {
    if (Math.abs(amount) < size) return relative.format(Math.round(amount), unit);
    amount /= size;
  }
  return relative.format(Math.round(amount), "year");
}

const timeOfDay = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "Europe/London",
});
const dayAndMonth = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", timeZone: "Europe/London" });

/** "10:02 on 3 March", London time. */
export function describeMoment(iso: string): string {
  const date = new Date(iso);
  return `${timeOfDay.format(date)} on ${dayAndMonth.format(date)}`;
}

/** "Escalated to Finance managers at 10:02 on 3 March: not acted on for 2 working days". */
export function describeEscalation(item: Pick<NotificationResponse, "escalation">): string | undefined {
  const escalation = item.escalation;
  if (!escalation) return undefined;
  const waited = escalation.notActedOnFor ? `: not acted on for ${escalation.notActedOnFor}` : "";
  return `Escalated to ${escalation.escalatedTo} at ${describeMoment(escalation.escalatedAt)}${waited}`;
}

/** "Reminder sent at 14:00 on 9 March: still needs action". */
export function describeReminder(
  item: Pick<NotificationResponse, "remindedAt" | "actionRequired">,
): string | undefined {
  if (!item.remindedAt) return undefined;
  return `Reminder sent at ${describeMoment(item.remindedAt)}${item.actionRequired ? ": still needs action" : ""}`;
}
