import { boolean, integer, pgTable, timestamp } from "drizzle-orm/pg-core";

/**
 * The retention housekeeping's one-row record (lib/personal-data/retention.ts): when it last ran,
 * what that run redacted, and the totals since the first run, for the admin outbox page.
 */
export const personalDataRetention = pgTable("personal_data_retention", {
  // Always true: the table holds one row, upserted by every run.
  singleton: boolean().primaryKey().default(true),
  lastRunAt: timestamp({ withTimezone: true }).notNull(),
  lastNotifications: integer().notNull().default(0),
  lastDeliveries: integer().notNull().default(0),
  lastDocuments: integer().notNull().default(0),
  totalNotifications: integer().notNull().default(0),
  totalDeliveries: integer().notNull().default(0),
  totalDocuments: integer().notNull().default(0),
  // The last run that redacted anything (most runs find nothing new).
  lastRedactedAt: timestamp({ withTimezone: true }),
});
export type PersonalDataRetention = typeof personalDataRetention.$inferSelect;
