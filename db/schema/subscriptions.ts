import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { apiClients } from "./auth";

// Issue 13: client services subscribe to event types (lib/subscriptions/event-types.ts) and hear
// them by signed webhook or by email. Three tables serve all three parts of the issue: the
// subscription (part 1, this API), one message per event, subscription and channel with its
// delivery state (part 2, the publisher and workers), and every attempt to deliver it (part 2's
// history, part 3's replay and admin page).

/** What a subscription narrows its events by; each event type accepts some of these (the catalogue). */
export type SubscriptionFilters = {
  category?: string;
  notificationType?: string;
  targetType?: string;
  targetId?: string;
  serviceKey?: string;
  status?: string;
};

/** The reminders already sent before expiry, so a sweep that runs twice sends each once. */
export const expiryNotices = ["14-days", "1-day"] as const;
export type ExpiryNotice = (typeof expiryNotices)[number];

export const subscriptions = pgTable(
  "subscriptions",
  {
    id: uuid().primaryKey().defaultRandom(),
    // A client's subscriptions go with it; clients are revoked, not deleted, so this is for clean-up.
    clientId: uuid()
      .notNull()
      .references(() => apiClients.id, { onDelete: "cascade" }),
    eventType: text().notNull(),
    filters: jsonb().$type<SubscriptionFilters>().notNull().default({}),
    contactEmails: text().array().notNull(),
    // A calendar day: the subscription runs to the end of that day in Europe/London.
    expiresOn: date({ mode: "string" }).notNull(),
    webhookUrl: text(),
    emailAddresses: text().array(),
    // The Standard Webhooks signing key (whsec_…), AES-256-GCM under WEBHOOK_SECRETS_KEY
    // (lib/subscriptions/secret-box.ts): HMAC needs the key itself to sign, so it cannot be hashed.
    // Null for an email-only subscription, which signs nothing.
    secretCiphertext: text(),
    // After a rotation the old key keeps signing alongside the new one until this time (24 hours).
    previousSecretCiphertext: text(),
    previousSecretExpiresAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    // Disabled by 410 Gone, by five days of failures, or by an admin; enabled again by an admin.
    disabledAt: timestamp({ withTimezone: true }),
    disabledReason: text(),
    // The first failure of the current run of failures: five days of it disables the subscription.
    failingSince: timestamp({ withTimezone: true }),
    // Soft delete: the messages and attempts keep pointing at the subscription they were sent for,
    // so the admin page and the audit trail still explain what was delivered to whom.
    deletedAt: timestamp({ withTimezone: true }),
    expiryNoticesSent: jsonb().$type<ExpiryNotice[]>().notNull().default([]),
  },
  (table) => [
    check("subscriptions_has_a_channel", sql`${table.webhookUrl} is not null or ${table.emailAddresses} is not null`),
    check("subscriptions_has_a_contact", sql`cardinality(${table.contactEmails}) >= 1`),
    // The publisher: every live subscription to one event type.
    index("subscriptions_live_event_type_idx")
      .on(table.eventType)
      .where(sql`deleted_at is null and disabled_at is null`),
    // GET /api/v1/subscriptions: a client's own, newest first.
    index("subscriptions_client_created_idx")
      .on(table.clientId, table.createdAt, table.id)
      .where(sql`deleted_at is null`),
  ],
);
export type Subscription = typeof subscriptions.$inferSelect;
export type NewSubscription = typeof subscriptions.$inferInsert;

export const subscriptionChannels = ["webhook", "email"] as const;
export type SubscriptionChannel = (typeof subscriptionChannels)[number];
export const subscriptionChannelEnum = pgEnum("subscription_channel", subscriptionChannels);

/** Seed 002's replay statuses: `pending` until delivered (`sent`) or given up on (`fail`). */
export const subscriptionMessageStatuses = ["pending", "sent", "fail"] as const;
export type SubscriptionMessageStatus = (typeof subscriptionMessageStatuses)[number];
export const subscriptionMessageStatusEnum = pgEnum("subscription_message_status", subscriptionMessageStatuses);

/**
 * One event for one subscription on one channel. Its id is the Standard Webhooks `webhook-id`, the
 * same on every retry, so a receiver deduplicates on it. A replay is a new message (`replayOf`).
 */
export const subscriptionMessages = pgTable(
  "subscription_messages",
  {
    id: uuid().primaryKey().defaultRandom(),
    subscriptionId: uuid()
      .notNull()
      .references(() => subscriptions.id, { onDelete: "cascade" }),
    channel: subscriptionChannelEnum().notNull(),
    eventType: text().notNull(),
    // The source event's id: with the subscription and channel, what makes publishing idempotent.
    eventId: uuid().notNull(),
    // `{ type, timestamp, data }` exactly as sent: signed as serialised, never rebuilt on retry.
    payload: jsonb().notNull(),
    status: subscriptionMessageStatusEnum().notNull().default("pending"),
    attemptCount: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
    lastStatusCode: integer(),
    replayOf: uuid(),
    // The source event's attributes, so replay by query (seed 002's filters) is an indexed read.
    category: text(),
    notificationType: text(),
    targetType: text(),
    targetId: text(),
    serviceKey: text(),
    sourceStatus: text(),
  },
  (table) => [
    // One original message per event, subscription and channel: a publisher that runs twice adds nothing.
    uniqueIndex("subscription_messages_event_unique")
      .on(table.subscriptionId, table.eventId, table.channel)
      .where(sql`replay_of is null`),
    // Lists and replay by query: a subscription's messages in one status, newest first.
    index("subscription_messages_list_idx").on(table.subscriptionId, table.status, table.createdAt, table.id),
    // The retry sweep: pending messages that are due.
    index("subscription_messages_due_idx")
      .on(table.nextAttemptAt)
      .where(sql`status = 'pending'`),
    // Replay: whether an original already has a later copy (only the latest copy is replayed again).
    index("subscription_messages_replay_of_idx")
      .on(table.replayOf, table.createdAt)
      .where(sql`replay_of is not null`),
  ],
);
export type SubscriptionMessage = typeof subscriptionMessages.$inferSelect;
export type NewSubscriptionMessage = typeof subscriptionMessages.$inferInsert;

export const subscriptionAttemptTriggers = ["scheduled", "manual", "test"] as const;
export type SubscriptionAttemptTrigger = (typeof subscriptionAttemptTriggers)[number];
export const subscriptionAttemptTriggerEnum = pgEnum("subscription_attempt_trigger", subscriptionAttemptTriggers);

/** Every try at delivering a message, kept: time, status code, duration and the start of the answer. */
export const subscriptionAttempts = pgTable(
  "subscription_attempts",
  {
    id: uuid().primaryKey().defaultRandom(),
    messageId: uuid()
      .notNull()
      .references(() => subscriptionMessages.id, { onDelete: "cascade" }),
    attemptedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    trigger: subscriptionAttemptTriggerEnum().notNull(),
    // Null when no answer came (timeout, refused connection, a URL refused by the SSRF rule).
    statusCode: integer(),
    durationMs: integer().notNull(),
    // The first 2 KB of the response body.
    responseExcerpt: text().notNull().default(""),
    // Why no answer: timeout, refused, ssrf-refused, …
    error: text(),
  },
  (table) => [index("subscription_attempts_message_idx").on(table.messageId, table.attemptedAt)],
);
export type SubscriptionAttempt = typeof subscriptionAttempts.$inferSelect;
export type NewSubscriptionAttempt = typeof subscriptionAttempts.$inferInsert;

/** What was done to a client's subscriptions by hand: the audit trail of part 3 (replays, admin switches, tests). */
export const subscriptionAuditActions = ["replay", "replay-dry-run", "disable", "enable", "test-event"] as const;
export type SubscriptionAuditAction = (typeof subscriptionAuditActions)[number];
export const subscriptionAuditActionEnum = pgEnum("subscription_audit_action", subscriptionAuditActions);

/**
 * Every replay request (dry runs too: seed 002 answers each with an id), every admin disable or
 * enable and every test event, with who asked and what came of it. Append-only: nothing updates it.
 * A replay spans a client's subscriptions, so the subscription is set only when one was named.
 */
export const subscriptionAuditEntries = pgTable(
  "subscription_audit_entries",
  {
    id: uuid().primaryKey().defaultRandom(),
    clientId: uuid()
      .notNull()
      .references(() => apiClients.id, { onDelete: "cascade" }),
    subscriptionId: uuid().references(() => subscriptions.id, { onDelete: "cascade" }),
    action: subscriptionAuditActionEnum().notNull(),
    // The person or client who asked, as lib/auth/actor.ts names them.
    author: jsonb().$type<{ id?: string; fullName: string; email: string }>().notNull(),
    // The request as understood (defaults filled in) and its results: matched, queued, message ids.
    details: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("subscription_audit_entries_client_idx").on(table.clientId, table.createdAt),
    index("subscription_audit_entries_subscription_idx").on(table.subscriptionId, table.createdAt),
  ],
);
export type SubscriptionAuditEntry = typeof subscriptionAuditEntries.$inferSelect;
