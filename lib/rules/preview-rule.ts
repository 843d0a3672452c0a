import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { ruleSteps, type Rule } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import {
  definitionSchemas,
  type EscalationRule,
  type EventRule,
  type ReminderRule,
  type StalledRule,
} from "./definitions";
import { peopleReached, resolveEventAudience } from "./engine/event-rule-audience";
import { eventMatches, templateDataOf, toRuleEvent, type RuleEvent } from "./engine/event-rule-match";
import { eventRuleMessage, eventRuleNotificationBody } from "./engine/run-event-rules";
import { previewEscalationRule } from "./preview-escalation-rule";
import { previewReminderRule } from "./preview-reminder-rule";
import type { EventRulePreview, PreviewRuleBody, RulePreview } from "./preview-schema";
import { previewStalledRule } from "./preview-stalled-rule";
import { getRuleOrThrow } from "./rules";
import { templateFields } from "./template";

/**
 * POST /api/v1/rules/{id}/preview: what a rule would make now, and for whom, writing nothing.
 * Every step is a read. An event rule is tried on an event (the match, the audience, the rendered
 * message); the sweeping kinds list what their sweep would take now, found by the sweep's own
 * queries so the two cannot disagree.
 */
export async function previewRule(
  db: Database,
  id: string,
  body: PreviewRuleBody,
  now = new Date(),
): Promise<RulePreview> {
  const rule = await getRuleOrThrow(db, id);
  const parsed = definitionSchemas[rule.kind].safeParse(rule.definition);
  if (!parsed.success) throw new ApiError("unprocessable_content", "The rule's stored definition is not valid");
  const definition = parsed.data;
  switch (rule.kind) {
    case "event":
      return previewEventRule(db, rule, definition as EventRule, body, now);
    case "escalation":
      return previewEscalationRule(db, rule, definition as EscalationRule, now);
    case "stalled":
      return previewStalledRule(db, rule, definition as StalledRule, now);
    case "reminder":
      return previewReminderRule(db, rule, definition as ReminderRule, now);
  }
}

async function previewEventRule(
  db: Database,
  rule: Rule,
  definition: EventRule,
  body: PreviewRuleBody,
  now: Date,
): Promise<EventRulePreview> {
  const event = body.event ? recordedEvent(body.event) : sampleEventFor(definition);
  const matches = eventMatches(definition.match, event);
  const [step] = await db
    .select({ ruleId: ruleSteps.ruleId })
    .from(ruleSteps)
    .where(
      and(
        eq(ruleSteps.ruleId, rule.id),
        eq(ruleSteps.subjectType, "event"),
        eq(ruleSteps.subjectId, event.id),
        eq(ruleSteps.step, "notify"),
      ),
    );
  const data = templateDataOf(event);
  const missingFields = templateFields(definition.message).filter(
    (field) => printableValueAt(field, data) === undefined,
  );
  const { recipients, reason } = await resolveEventAudience(db, definition.audience, event, now);
  const wouldCreate =
    matches && !step
      ? await Promise.all(
          recipients.map(async (recipient) => {
            const notification = eventRuleNotificationBody(definition, event, recipient);
            return {
              category: definition.category,
              message: notification.message ?? eventRuleMessage(definition, event),
              requireAction: notification.requireAction,
              targetType: event.targetType,
              targetId: event.entityId,
              recipient,
              people: await peopleReached(db, recipient),
            };
          }),
        )
      : [];
  return {
    ruleId: rule.id,
    kind: "event",
    enabled: rule.enabled,
    event: { id: event.id, eventType: event.eventType, targetType: event.targetType, sample: !body.event },
    matches,
    alreadyRan: step !== undefined,
    sentTo: reason,
    missingFields,
    wouldCreate,
  };
}

function printableValueAt(field: string, data: unknown): string | undefined {
  let value: unknown = data;
  for (const key of field.split(".")) {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
    ? String(value)
    : undefined;
}

function recordedEvent(event: NonNullable<PreviewRuleBody["event"]>): RuleEvent {
  const ruleEvent = toRuleEvent(event);
  if (!ruleEvent)
    throw new ApiError("bad_request", `${event.eventType} is not an event type this service records`, {
      errors: [{ path: "event.eventType", message: `${event.eventType} is not an event type this service records` }],
    });
  return ruleEvent;
}

/** An event made to fit the rule's match, with its newData fields set (dotted names nested). */
function sampleEventFor(definition: EventRule): RuleEvent {
  const newData: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(definition.match.newData ?? {})) {
    const keys = path.split(".");
    let node = newData;
    for (const key of keys.slice(0, -1)) {
      if (typeof node[key] !== "object" || node[key] === null) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    node[keys.at(-1)!] = value;
  }
  const eventType = definition.match.eventType ?? "SampleEvent";
  const recorded = toRuleEvent({ ...baseEvent(eventType), eventData: { newData } });
  return recorded ?? { ...baseEvent(eventType), eventData: { newData }, targetType: definition.match.targetType! };
}

function baseEvent(eventType: string) {
  return {
    id: randomUUID(),
    eventType,
    dateTime: new Date().toISOString(),
    user: { name: "Preview", email: "preview@system.invalid" },
    entityId: randomUUID(),
  };
}
