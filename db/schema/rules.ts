import { boolean, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
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
