import { roleLabels } from "@/lib/auth/roles";
import type { Role } from "@/db/schema";
import type { EventRulePreview, RulePreview } from "./preview-schema";

// The admin preview page's words: what a dry run (previewRule) found, said in short sentences and
// table cells, so the page and its components only lay them out.

type Recipient =
  | { team: string }
  | { role: string }
  | { userId: string }
  | { personId: string }
  | { residentsOf: { propertyId: string } };

/** "the finance team", "everyone who is a finance manager", "the residents of property …". */
export function describePreviewRecipient(recipient: Recipient | null): string {
  if (!recipient) return "Nobody: it would not be sent";
  if ("team" in recipient) return `the ${recipient.team} team`;
  if ("role" in recipient) {
    const label = roleLabels[recipient.role as Role] ?? recipient.role;
    return `everyone who is a ${label.toLowerCase()}`;
  }
  if ("residentsOf" in recipient) return `the residents of property ${recipient.residentsOf.propertyId}`;
  return `one person (${"userId" in recipient ? recipient.userId : recipient.personId})`;
}

/** "3 items due for escalation." or, past the preview's limit, "120 …; the first 50 are listed." */
export function countSentence(total: number, listed: number, what: { one: string; many: string }): string {
  const said = `${total} ${total === 1 ? what.one : what.many}`;
  return listed < total ? `${said}; the first ${listed} are listed.` : `${said}.`;
}

/** The sentences above an event rule's table: which event was tried and what came of it. */
export function eventPreviewSentences(preview: EventRulePreview): string[] {
  const { event } = preview;
  const sentences = [
    event.sample
      ? `Tried on a sample ${event.eventType} (a ${event.targetType} event) made to fit the rule's match.`
      : `Tried on the ${event.eventType} you gave (a ${event.targetType} event, id ${event.id}).`,
    preview.matches
      ? "The event matches the rule."
      : "The event does not match the rule, so nothing would be made for it.",
  ];
  if (preview.alreadyRan) sentences.push("The rule already acted on this event id, so a redelivery makes nothing.");
  if (preview.matches) sentences.push(`Recipients: ${preview.sentTo}.`);
  if (preview.missingFields.length > 0)
    sentences.push(
      `The event has no value for ${preview.missingFields.join(", ")}: left empty in the message, as shown below.`,
    );
  return sentences;
}

/** Whether the dry run found anything the rule would make now. */
export function previewIsEmpty(preview: RulePreview): boolean {
  switch (preview.kind) {
    case "event":
      return preview.wouldCreate.length === 0;
    case "escalation":
      return preview.reminders.total === 0 && preview.escalations.total === 0;
    case "stalled":
      return preview.stalled.total === 0;
    case "reminder":
      return preview.reminders.total === 0;
  }
}

/** "Farid Khan, Fiona Finch", or why nobody would be reached. */
export function peopleReachedText(people: readonly { name: string }[]): string {
  return people.length > 0 ? people.map((person) => person.name).join(", ") : "Nobody active at the moment";
}

/**
 * Who an escalation step reaches: its words, then what they stand for ("Finance managers: 2 people",
 * "its own audience, as unread again: the finance team"); named people are counted, not listed by id.
 */
export function escalationAudienceText(sentTo: string, recipients: readonly Recipient[]): string {
  const people = recipients.filter((recipient) => "userId" in recipient || "personId" in recipient).length;
  const groups = recipients
    .filter((recipient) => !("userId" in recipient || "personId" in recipient))
    .map(describePreviewRecipient);
  const parts = [...groups, ...(people > 0 ? [people === 1 ? "1 person" : `${people} people`] : [])];
  return parts.length > 0 ? `${sentTo}: ${parts.join("; ")}` : `${sentTo}: nobody`;
}
