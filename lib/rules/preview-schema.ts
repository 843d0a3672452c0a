import { z } from "zod";
import "zod-openapi";
import { entityEventSchema } from "@/lib/activity/schemas";

// The contract of POST /api/v1/rules/{id}/preview, the dry run.

export const previewRuleBodySchema = z
  .object({
    event: entityEventSchema
      .optional()
      .meta({ description: "A sample event to try the rule on; without one, an event made to fit the rule's match" }),
  })
  .meta({ id: "PreviewRule" });
export type PreviewRuleBody = z.output<typeof previewRuleBodySchema>;

const personSchema = z.object({ id: z.uuid(), name: z.string() });

export const previewNotificationSchema = z.object({
  category: z.string(),
  message: z.string(),
  requireAction: z.boolean(),
  targetType: z.string(),
  targetId: z.string(),
  recipient: z
    .union([z.object({ team: z.string() }), z.object({ role: z.string() }), z.object({ userId: z.uuid() })])
    .meta({ description: "Whom the notification would be addressed to, as POST /api/v1/notifications takes it" }),
  people: z.array(personSchema).meta({
    description:
      "The active people it would reach now, by name (at most 200; people who turned this category's inbox copy off are not left out)",
  }),
});

const recipientSchema = z
  .union([
    z.object({ team: z.string() }),
    z.object({ role: z.string() }),
    z.object({ userId: z.uuid() }),
    z.object({ personId: z.uuid() }),
    z.object({ residentsOf: z.object({ propertyId: z.uuid() }) }),
  ])
  .meta({ description: "Whom it goes to, as POST /api/v1/notifications takes it" });

const ruleFacts = {
  ruleId: z.uuid(),
  enabled: z.boolean().meta({ description: "A disabled rule is previewed as if enabled; it does nothing until it is" }),
  at: z.string().meta({ description: "The instant the preview answers for (now), ISO 8601" }),
};

/** How many items a preview of a sweeping rule lists; it counts them all. */
export const previewItemLimit = 50;

/** A bounded list: the first items the sweep would take, and how many there are in all. */
const dueListOf = <Item extends z.ZodType>(item: Item, totalNote: string) =>
  z.object({
    total: z.int().meta({ description: totalNote }),
    items: z.array(item).meta({ description: `The first ${previewItemLimit}, in the order the sweep takes them` }),
  });

const escalationItemSchema = z.object({
  notificationId: z.uuid(),
  message: z.string().nullable(),
  createdDate: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  sentTo: z.string().meta({ description: 'Who would get it, in words ("Finance managers", "its own audience")' }),
  recipients: z.array(recipientSchema),
});

const escalationPreviewSchema = z.object({
  ...ruleFacts,
  kind: z.literal("escalation"),
  reminders: dueListOf(
    escalationItemSchema,
    "Items due for a reminder now (re-announced, unread again, to their own audience), not counting those due for escalation",
  ),
  escalations: dueListOf(escalationItemSchema, "Items due for escalation now (a copy to each manager recipient)"),
});

const stalledPreviewSchema = z.object({
  ...ruleFacts,
  kind: z.literal("stalled"),
  stalled: dueListOf(
    z.object({
      targetType: z.string(),
      targetId: z.uuid(),
      lastActivityAt: z.string(),
      quietFor: z.string(),
      message: z.string(),
      recipient: recipientSchema,
      sentTo: z.string().meta({ description: "Why: the record's owner named in its history, or the rule's audience" }),
    }),
    "Records stalled now that this rule has not yet told anyone about",
  ),
});

const reminderPreviewSchema = z.object({
  ...ruleFacts,
  kind: z.literal("reminder"),
  reminders: dueListOf(
    z.object({
      visitId: z.uuid(),
      propertyId: z.uuid(),
      startsAt: z.string(),
      offset: z.string().meta({ description: "Which of the rule's offsets (ISO 8601 duration before the visit)" }),
      channel: z
        .enum(["email", "sms", "letter", "inbox"])
        .nullable()
        .meta({ description: "How it would go; null when it would not be sent (see explanation)" }),
      recipient: recipientSchema.nullable(),
      explanation: z.string().meta({ description: "What the visit's timeline would say about this reminder" }),
    }),
    "Reminders due now and not yet sent, over all the rule's offsets (each offset counts at most 1,000 visits)",
  ),
});

const eventPreviewSchema = z
  .object({
    ruleId: z.uuid(),
    kind: z.literal("event"),
    enabled: z
      .boolean()
      .meta({ description: "A disabled rule is previewed as if enabled; it makes nothing until it is" }),
    event: z.object({
      id: z.uuid(),
      eventType: z.string(),
      targetType: z.string(),
      sample: z.boolean().meta({ description: "True when the event was made to fit the rule's match" }),
    }),
    matches: z
      .boolean()
      .meta({ description: "Whether the event fits the rule's match; when not, nothing would be made" }),
    alreadyRan: z
      .boolean()
      .meta({ description: "The rule already acted on this event id, so a redelivery makes nothing" }),
    sentTo: z.string().meta({ description: "Why the recipients are who they are" }),
    missingFields: z.array(z.string()).meta({
      description: "Template fields the event has no value for: left empty in the message",
    }),
    wouldCreate: z.array(previewNotificationSchema),
  })
  .meta({ id: "EventRulePreview" });

export const rulePreviewSchema = z
  .discriminatedUnion("kind", [
    eventPreviewSchema,
    escalationPreviewSchema.meta({ id: "EscalationRulePreview" }),
    stalledPreviewSchema.meta({ id: "StalledRulePreview" }),
    reminderPreviewSchema.meta({ id: "ReminderRulePreview" }),
  ])
  .meta({ id: "RulePreview" });
export type RulePreview = z.infer<typeof rulePreviewSchema>;
export type EventRulePreview = z.infer<typeof eventPreviewSchema>;
export type EscalationRulePreview = z.infer<typeof escalationPreviewSchema>;
export type StalledRulePreview = z.infer<typeof stalledPreviewSchema>;
export type ReminderRulePreview = z.infer<typeof reminderPreviewSchema>;
