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

export const rulePreviewSchema = z
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
  .meta({ id: "RulePreview" });
export type RulePreview = z.infer<typeof rulePreviewSchema>;
