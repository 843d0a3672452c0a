import { z } from "zod";
import { activityTargetTypes, roles, ruleKindValues } from "@/db/schema";
import { categories } from "./categories";
import { templateProblems } from "./template";
import { durationSchema, nominalSeconds, parseDuration, timeModeSchema } from "./time/duration";

/**
 * What each kind of rule says, as stored in rules.definition and accepted by the API. One schema
 * per kind, joined by the row's `kind`; a new kind is one more schema in `definitionSchemas`.
 * Every message names the field and what would be accepted, since admins write these by hand.
 */

export const ruleKinds = ruleKindValues;
export type RuleKind = (typeof ruleKinds)[number];

const categoryKeys = categories.map((category) => category.key) as [string, ...string[]];
const categorySchema = z.enum(categoryKeys, {
  error: (issue) => `Must be a category of the event catalogue, not "${String(issue.input)}"`,
});
const roleSchema = z.enum(roles, { error: `Must be one of the roles: ${roles.join(", ")}` });
const teamKeySchema = z
  .string({ error: "Must be a team key such as finance" })
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "Must be a team key: lower-case letters, digits and hyphens, such as finance");
const targetTypeSchema = z.enum(activityTargetTypes, {
  error: `Must be one of the record types: ${activityTargetTypes.join(", ")}`,
});
const eventTypeSchema = z
  .string({ error: "Must be an event type such as TenureCreatedEvent" })
  .regex(/^[A-Za-z][A-Za-z0-9]{0,99}$/, "Must be an event type such as TenureCreatedEvent");

/** A team, a role, or the officers with a visit booked at the event's property soon (else a team). */
export const audienceSchema = z
  .object(
    {
      team: teamKeySchema.optional(),
      role: roleSchema.optional(),
      visitOfficersAtProperty: z
        .object({
          withinDays: z
            .int("withinDays must be a whole number of days")
            .min(1, "withinDays must be at least 1")
            .max(90, "withinDays must be at most 90"),
          fallbackTeam: teamKeySchema,
        })
        .strict()
        .optional(),
    },
    { error: 'Must be an object such as { "team": "finance" } or { "role": "finance-manager" }' },
  )
  .strict()
  .refine(
    (audience) => Object.values(audience).filter((value) => value !== undefined).length === 1,
    "Name exactly one of team, role or visitOfficersAtProperty",
  );
export type Audience = z.infer<typeof audienceSchema>;

const plainAudienceSchema = audienceSchema.refine(
  (audience) => audience.visitOfficersAtProperty === undefined,
  "Must be a team or a role",
);

const messageTemplateSchema = z
  .string({ error: "Must be the message text" })
  .trim()
  .min(1, "Must not be empty")
  .max(1000, "Must be at most 1,000 characters")
  .superRefine((template, context) => {
    for (const problem of templateProblems(template)) context.addIssue({ code: "custom", message: problem.message });
  });

const fieldValueSchema = z.union([z.string().max(200), z.number(), z.boolean(), z.null()], {
  error: "Each newData value must be a string, number, boolean or null",
});

export const eventRuleSchema = z
  .object({
    match: z
      .object({
        eventType: eventTypeSchema.optional(),
        targetType: targetTypeSchema.optional(),
        newData: z
          .record(z.string().min(1).max(100), fieldValueSchema)
          .refine((fields) => Object.keys(fields).length <= 20, "Match at most 20 fields")
          .optional(),
      })
      .strict()
      .refine(
        (match) => match.eventType !== undefined || match.targetType !== undefined,
        "Match an eventType or a targetType, or the rule would fire on every event",
      ),
    category: categorySchema,
    audience: audienceSchema,
    message: messageTemplateSchema,
    requiresAction: z.boolean("requiresAction must be true or false").optional(),
  })
  .strict();

export const escalationRuleSchema = z
  .object({
    category: categorySchema,
    remindAfter: durationSchema,
    escalateAfter: durationSchema,
    timeMode: timeModeSchema,
    fallbackRole: roleSchema,
  })
  .strict()
  .superRefine((rule, context) => {
    const remind = parseDuration(rule.remindAfter);
    const escalate = parseDuration(rule.escalateAfter);
    if (remind && escalate && nominalSeconds(escalate) <= nominalSeconds(remind))
      context.addIssue({ code: "custom", path: ["escalateAfter"], message: "Must be longer than remindAfter" });
  });

export const stalledRuleSchema = z
  .object({
    category: categorySchema.default("processThreshold"),
    targetType: targetTypeSchema,
    after: durationSchema,
    timeMode: timeModeSchema,
    closingEventTypes: z
      .array(eventTypeSchema, { error: "Must be a list of event types" })
      .min(1, "Name at least one event type that closes the record, such as ProcessClosedEvent")
      .max(20, "Name at most 20 event types"),
    audience: plainAudienceSchema,
  })
  .strict();

const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Must be a London time of day such as "08:00"');

export const reminderRuleSchema = z
  .object({
    category: categorySchema.default("visitDue"),
    visitKind: z.string().trim().min(1).max(100).optional(),
    recipient: z.enum(["resident", "officer"], { error: 'Must be "resident" or "officer"' }),
    offsets: z
      .array(durationSchema, { error: 'Must be a list of durations before the visit, such as ["P7D", "P1D"]' })
      .min(1, "Give at least one offset")
      .max(5, "Give at most 5 offsets"),
    timeMode: timeModeSchema.default("calendar"),
    channel: z.enum(["preferred", "inbox"], { error: 'Must be "preferred" or "inbox"' }),
    // With `at`, each offset picks a day (P1D working = the working day before) and the reminder goes at this time.
    at: timeOfDaySchema.optional(),
  })
  .strict();

export const definitionSchemas = {
  event: eventRuleSchema,
  escalation: escalationRuleSchema,
  stalled: stalledRuleSchema,
  reminder: reminderRuleSchema,
} as const satisfies Record<RuleKind, z.ZodType>;

export type EventRule = z.infer<typeof eventRuleSchema>;
export type EscalationRule = z.infer<typeof escalationRuleSchema>;
export type StalledRule = z.infer<typeof stalledRuleSchema>;
export type ReminderRule = z.infer<typeof reminderRuleSchema>;
export type RuleDefinition = EventRule | EscalationRule | StalledRule | ReminderRule;

/** A rule's kind with its definition, discriminated by kind, as the API and the admin page accept them. */
export const ruleDefinitionSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("event"), definition: eventRuleSchema }),
    z.object({ kind: z.literal("escalation"), definition: escalationRuleSchema }),
    z.object({ kind: z.literal("stalled"), definition: stalledRuleSchema }),
    z.object({ kind: z.literal("reminder"), definition: reminderRuleSchema }),
  ],
  { error: `kind must be one of ${ruleKinds.join(", ")}` },
);
export type KindedDefinition = z.infer<typeof ruleDefinitionSchema>;
