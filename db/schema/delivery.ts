import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  jsonb,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./directory";
import { notifications } from "./notifications";

export const deliveryChannels = ["email", "sms", "letter"] as const;
export type DeliveryChannel = (typeof deliveryChannels)[number];
export const deliveryChannelEnum = pgEnum("delivery_channel", deliveryChannels);

/**
 * One per channel per notification. `status` is ours (`pending`, `scheduled`, `rejected`, `failed`) until
 * GOV.UK Notify holds the message, then Notify's own status name.
 */
export const deliveries = pgTable(
  "deliveries",
  {
    id: uuid().primaryKey().defaultRandom(),
    notificationId: uuid()
      .notNull()
      .references(() => notifications.id),
    channel: deliveryChannelEnum().notNull(),
    status: text().notNull().default("pending"),
    serviceKey: text().notNull(),
    templateId: text().notNull(),
    // Set for a person's own copy (their channel preferences): the catalogue template's fields,
    // which differ from the caller's. Otherwise the notification's personalisation is used.
    // A list value (a digest's items) is shown by Notify as bullets.
    personalisation: jsonb().$type<Record<string, string | number | boolean | readonly string[]>>(),
    // A person whose email, mobile number or postal address is looked up at send time, so a changed
    // one is used: the person a notification addressed by id, or a person's own preference copy.
    userId: uuid().references(() => users.id),
    // A person's own copy from their channel preferences, not one of the notification's deliveries.
    preferenceCopy: boolean().notNull().default(false),
    // A letter's PDF in the documents store, once built.
    documentId: text(),
    notifyId: text(),
    error: text(),
    // Send attempts made by workers (each one a call to Notify or a look-up of the reference).
    attempts: integer().notNull().default(0),
    lastAttemptAt: timestamp({ withTimezone: true }),
    callbackReceivedAt: timestamp({ withTimezone: true }),
    // When the status poll last asked Notify, so it does not ask about the same message every run.
    statusCheckedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
    completedAt: timestamp({ withTimezone: true }),
    // When its personalisation and error text were redacted (lib/personal-data).
    redactedAt: timestamp({ withTimezone: true }),
    // The failed delivery an admin resent as this one (lib/delivery/resend-delivery.ts); that one stays as it was.
    resentFromDeliveryId: uuid().references((): AnyPgColumn => deliveries.id),
  },
  (table) => [
    // A delivery is resent at most once, so a double click or two admins at once cannot send it twice;
    // a resend that fails in turn can itself be resent.
    uniqueIndex("deliveries_resent_from_idx")
      .on(table.resentFromDeliveryId)
      .where(sql`resent_from_delivery_id is not null`),
    index("deliveries_notification_idx").on(table.notificationId),
    // Callbacks and the message-status endpoint find a delivery by Notify's id.
    index("deliveries_notify_id_idx").on(table.notifyId),
    // The status poll scans only messages Notify holds that have not reached a final status.
    index("deliveries_awaiting_status_idx")
      .on(table.createdAt)
      .where(sql`notify_id is not null and completed_at is null`),
    // The admins' outbox pages newest first (created_at desc, id desc), with or without a status filter.
    index("deliveries_outbox_idx").on(table.createdAt.desc().nullsFirst(), table.id.desc().nullsFirst()),
    index("deliveries_outbox_status_idx").on(
      table.status,
      table.createdAt.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
  ],
);
export type Delivery = typeof deliveries.$inferSelect;
export type NewDelivery = typeof deliveries.$inferInsert;

// `request`: a caller asked for it (a cancellation).
export const deliveryStatusSources = ["worker", "callback", "poll", "request"] as const;
export type DeliveryStatusSource = (typeof deliveryStatusSources)[number];
export const deliveryStatusSourceEnum = pgEnum("delivery_status_source", deliveryStatusSources);

/** Every status a delivery went through, with its time: Notify forgets messages after 7 days, we do not. */
export const deliveryStatusEvents = pgTable(
  "delivery_status_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    deliveryId: uuid()
      .notNull()
      .references(() => deliveries.id, { onDelete: "cascade" }),
    status: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    source: deliveryStatusSourceEnum().notNull(),
    detail: text(),
  },
  (table) => [index("delivery_status_events_delivery_idx").on(table.deliveryId, table.at)],
);
export type DeliveryStatusEvent = typeof deliveryStatusEvents.$inferSelect;

/**
 * Requests sent to each Notify service per second, shared by every worker process so that together
 * they stay under the service's rate limit. Old windows are deleted by the dispatcher.
 */
export const notifyRateWindows = pgTable(
  "notify_rate_windows",
  {
    serviceKey: text().notNull(),
    windowStart: timestamp({ withTimezone: true }).notNull(),
    used: integer().notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.serviceKey, table.windowStart] })],
);
