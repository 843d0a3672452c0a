import { boolean, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { AuthorDetails } from "./activity";
import { users } from "./directory";

/** How a person hears about a category by email: each item straight away, one daily digest, or not at all. */
export const emailModes = ["immediate", "daily", "off"] as const;
export type EmailMode = (typeof emailModes)[number];
export const emailModeEnum = pgEnum("email_mode", emailModes);

/**
 * A person's choice, per event-catalogue category, of how they hear about it. No row means the
 * defaults: in the inbox, no email, no text. Categories live in code (lib/rules/categories.ts),
 * so `category` is their key rather than a foreign key.
 */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    category: text().notNull(),
    inApp: boolean().notNull().default(true),
    emailMode: emailModeEnum().notNull().default("off"),
    sms: boolean().notNull().default(false),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.category] })],
);
export type NotificationPreference = typeof notificationPreferences.$inferSelect;

/** The kinds of rule the centre runs on its own; lib/rules/definitions.ts holds each kind's definition schema. */
export const ruleKindValues = ["event", "escalation", "stalled", "reminder"] as const;
export const ruleKindEnum = pgEnum("rule_kind", ruleKindValues);

/**
 * A rule an admin keeps: its kind and a definition validated against that kind's schema before it
 * is stored (jsonb, so a new kind needs no migration). `version` rises with every change, so an
 * edit made from a stale copy can be refused. Defaults are inserted by the migration that made the table.
 */
export const rules = pgTable("rules", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull().unique(),
  kind: ruleKindEnum().notNull(),
  enabled: boolean().notNull().default(true),
  definition: jsonb().$type<Record<string, unknown>>().notNull(),
  // Who made it, as the activity history names authors; null for the defaults the service seeded.
  createdBy: jsonb().$type<AuthorDetails>(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  version: integer().notNull().default(1),
});
export type Rule = typeof rules.$inferSelect;
export type NewRule = typeof rules.$inferInsert;

/**
 * Each step a rule takes on its own (a reminder, an escalation, a stalled notice, a visit reminder),
 * claimed once: the unique key is the rule, what the step is about and which step, so two workers
 * sweeping at once, or a worker killed mid-sweep and its job retried, make each step exactly once.
 * The claim is inserted in the same transaction as the step's notification (lib/rules/claim-step.ts).
 */
export const ruleSteps = pgTable(
  "rule_steps",
  {
    ruleId: uuid()
      .notNull()
      .references(() => rules.id, { onDelete: "cascade" }),
    /** What the step is about: a notification, a process or work order (targetType), a visit. */
    subjectType: text().notNull(),
    subjectId: text().notNull(),
    /** Which step for that subject: "reminder", "escalation", "stalled:2026-03-03T10:00:00Z", "P7D". */
    step: text().notNull(),
    /** The notification the step created, when it created one. */
    notificationId: uuid(),
    takenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.ruleId, table.subjectType, table.subjectId, table.step] })],
);
export type RuleStep = typeof ruleSteps.$inferSelect;
