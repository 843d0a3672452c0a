import { bigint, index, pgEnum, pgTable, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./directory";
import { notifications } from "./notifications";

export const notificationEventTypes = ["notification.created", "notification.updated"] as const;
export type NotificationEventType = (typeof notificationEventTypes)[number];
export const notificationEventTypeEnum = pgEnum("notification_event_type", notificationEventTypes);

/**
 * What changed, for live inboxes, kept for 24 hours. Streams and listeners read these in `position`
 * order, the SSE event id, so a reconnecting browser replays from its Last-Event-ID.
 *
 * `id` is taken at insert, so two transactions can commit out of id order, and a reader that has
 * seen id 11 may later find id 10 commit. `position` is given at commit instead (migration 0035: a
 * deferred trigger, under one advisory lock held to the end of the commit), so once a reader sees
 * a position every lower position is already visible: resuming after one can skip nothing.
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
    // Null only inside the inserting transaction; set as it commits.
    position: bigint({ mode: "number" }),
  },
  (table) => [
    // The hourly purge deletes by age.
    index("notification_events_created_at_idx").on(table.createdAt),
    // Replay and the listeners read after a position.
    uniqueIndex("notification_events_position_idx").on(table.position),
  ],
);
export type NotificationEvent = typeof notificationEvents.$inferSelect;
export type NewNotificationEvent = typeof notificationEvents.$inferInsert;
