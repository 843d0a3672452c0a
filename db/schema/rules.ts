import { boolean, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./directory";

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
    email: boolean().notNull().default(false),
    sms: boolean().notNull().default(false),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.category] })],
);
export type NotificationPreference = typeof notificationPreferences.$inferSelect;
