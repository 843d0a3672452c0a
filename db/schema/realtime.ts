import { bigint, index, pgEnum, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./directory";
import { notifications } from "./notifications";

export const notificationEventTypes = ["notification.created", "notification.updated"] as const;
export type NotificationEventType = (typeof notificationEventTypes)[number];
export const notificationEventTypeEnum = pgEnum("notification_event_type", notificationEventTypes);

/**
 * What changed, in commit order of the ids, for live inboxes: NOTIFY carries only the id, listeners
 * read the row here, and a reconnecting browser replays from it (Last-Event-ID). Kept for 24 hours.
 */
export const notificationEvents = pgTable(
  "notification_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    type: notificationEventTypeEnum().notNull(),
    notificationId: uuid()
      .notNull()
      .references(() => notifications.id, { onDelete: "cascade" }),
    // Set when the change concerns one person's copy only (they read it); otherwise everyone holding a receipt.
    userId: uuid().references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // The hourly purge deletes by age; replay and the listener read by id (the primary key).
  (table) => [index("notification_events_created_at_idx").on(table.createdAt)],
);
export type NotificationEvent = typeof notificationEvents.$inferSelect;
export type NewNotificationEvent = typeof notificationEvents.$inferInsert;
