import { sql } from "drizzle-orm";
import { date, index, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { deliveries } from "./delivery";
import { users } from "./directory";
import { notifications } from "./notifications";

/**
 * One daily digest email to one person: at most one a person a day (the unique key), so two workers
 * running the 08:00 job cannot both send it. Written in the same transaction as its delivery.
 */
export const digests = pgTable(
  "digests",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // The Europe/London date the digest is for.
    day: date().notNull(),
    deliveryId: uuid()
      .notNull()
      .references(() => deliveries.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [unique("digests_user_day_unique").on(table.userId, table.day)],
);
export type Digest = typeof digests.$inferSelect;

/**
 * An item waiting for a person's daily digest: recorded when the notification is made, for each
 * person in its audience who chose "daily digest" for its category (whether or not they keep an
 * inbox copy, which is why it is not read from receipts). `digestId` is set when a digest takes it,
 * so each item is in exactly one digest.
 */
export const digestItems = pgTable(
  "digest_items",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    notificationId: uuid()
      .notNull()
      .references(() => notifications.id, { onDelete: "cascade" }),
    category: text().notNull(),
    // When the item counts as arrived: its notification's sendAt, or when it was made.
    dueAt: timestamp({ withTimezone: true }).notNull(),
    digestId: uuid().references(() => digests.id, { onDelete: "set null" }),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.notificationId] }),
    // The daily job reads only items no digest has taken yet, per person, oldest first.
    index("digest_items_waiting_idx")
      .on(table.userId, table.dueAt)
      .where(sql`digest_id is null`),
  ],
);
export type DigestItem = typeof digestItems.$inferSelect;
