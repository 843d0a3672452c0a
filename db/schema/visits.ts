import { sql } from "drizzle-orm";
import { check, index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./directory";

/** A cancelled visit is kept (its reminders and history still point at it), never deleted. */
export const visitStatuses = ["booked", "cancelled"] as const;
export type VisitStatus = (typeof visitStatuses)[number];
export const visitStatusEnum = pgEnum("visit_status", visitStatuses);

/**
 * An officer's visit to a resident at a property (a gas safety check, a tenancy visit). Reminders
 * and the cautionary-contact rule read it (lib/visits/upcoming-visits.ts).
 */
export const visits = pgTable(
  "visits",
  {
    id: uuid().primaryKey().defaultRandom(),
    // The council's asset id of the property; there is no property table here.
    propertyId: uuid().notNull(),
    // The resident visited: their directory id, however the caller named them (userId or personId).
    residentUserId: uuid()
      .notNull()
      .references(() => users.id),
    officerUserId: uuid()
      .notNull()
      .references(() => users.id),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    kind: text().notNull(),
    status: visitStatusEnum().notNull().default("booked"),
    // Who booked it, by name as the activity history names them (its authorDetails hold their id).
    createdBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check("visits_ends_after_start", sql`${table.endsAt} > ${table.startsAt}`),
    // The list pages by start time (then id), filtered by property or officer; the rules ask for a
    // property's booked visits in a window, and for every booked visit in a window (reminders).
    index("visits_starts_at_idx").on(table.startsAt, table.id),
    index("visits_property_starts_at_idx").on(table.propertyId, table.startsAt),
    index("visits_officer_starts_at_idx").on(table.officerUserId, table.startsAt),
    index("visits_booked_starts_at_idx")
      .on(table.startsAt)
      .where(sql`status = 'booked'`),
  ],
);
export type Visit = typeof visits.$inferSelect;
export type NewVisit = typeof visits.$inferInsert;
