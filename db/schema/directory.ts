import { sql } from "drizzle-orm";
import {
  boolean,
  check,
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

/**
 * The directory: the people the centre knows (staff who sign in, residents who are written to)
 * and the teams staff work in. The SQL table keeps its first name, `users`; a resident in it
 * needs no sign-in account to be addressed by their council person id.
 */

/** Every role a person can hold. Officer kinds come from the user stories in the seed documents. */
export const roles = [
  "finance-officer",
  "finance-manager",
  "repairs-manager",
  "repairs-contractor",
  "dlo-supervisor",
  "rcc-supervisor",
  "housing-officer",
  "admin",
  "resident",
] as const;
export type Role = (typeof roles)[number];
export const roleEnum = pgEnum("role", roles);

export const personKinds = ["staff", "resident"] as const;
export type PersonKind = (typeof personKinds)[number];
export const personKindEnum = pgEnum("person_kind", personKinds);

/** How a person prefers to hear from the council when a caller leaves the channel to them. */
export const contactChannels = ["email", "sms", "letter"] as const;
export type ContactChannel = (typeof contactChannels)[number];
export const contactChannelEnum = pgEnum("contact_channel", contactChannels);

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: personKindEnum().notNull().default("staff"),
    // Staff sign in by email; a resident may have none and still be written to by text or letter.
    email: text(),
    name: text().notNull(),
    roles: roleEnum().array().notNull(),
    // The council's own id for the person (a resident's person record); messages address them by it.
    personId: uuid(),
    // A resident's tenures and the properties they live in (a flat, or the block it is in): the
    // records whose history they may read, and who `residentsOf: { propertyId }` reaches.
    tenureIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    propertyIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    // Where texts go; UK mobile, normalised (lib/delivery/phone-number.ts).
    mobileNumber: text(),
    // A postal address as Notify takes it: up to 6 lines before the postcode, which is stored apart.
    addressLines: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    postcode: text(),
    preferredChannel: contactChannelEnum(),
    isDemo: boolean().notNull().default(false),
    // Session cookies carry the version current when the person signed in; signing out moves it on,
    // which ends every session of theirs at once (lib/auth/people.ts).
    sessionVersion: integer().notNull().default(0),
    // The single sign-on identity linked at the person's first SSO sign-in (matched by email then);
    // from then on only this issuer and subject sign them in (lib/auth/single-sign-on.ts).
    ssoIssuer: text(),
    ssoSubject: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp({ withTimezone: true }),
    // Set once the person's details were erased (POST /api/v1/people/{id}/erasure); the row stays
    // so that history pointing at it still resolves, with nothing personal left in it.
    erasedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    uniqueIndex("users_email_unique").on(sql`lower(${table.email})`),
    uniqueIndex("users_person_id_unique").on(table.personId),
    uniqueIndex("users_sso_identity_unique").on(table.ssoIssuer, table.ssoSubject),
    // `residentsOf: { propertyId }` finds a block's residents with one index probe.
    index("users_property_ids_idx").using("gin", table.propertyIds),
    index("users_name_idx").on(sql`lower(${table.name})`),
    check(
      "users_staff_have_email",
      sql`${table.kind} <> 'staff' or ${table.email} is not null or ${table.erasedAt} is not null`,
    ),
  ],
);
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export const teams = pgTable("teams", {
  id: uuid().primaryKey().defaultRandom(),
  // Stable key other services address a team by, e.g. `finance` or `housing-officers`.
  key: text().notNull().unique(),
  name: text().notNull(),
  // Escalations go to the team's named managers, or failing those to everyone holding this role.
  managerRole: roleEnum(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
export type Team = typeof teams.$inferSelect;

export const teamMembers = pgTable(
  "team_members",
  {
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (table) => [
    primaryKey({ columns: [table.teamId, table.userId] }),
    // "Which teams is this person in?" runs on every request a person makes.
    index("team_members_user_id_idx").on(table.userId),
  ],
);

/** The people a team's escalations reach (the rules issue escalates unacknowledged items to them). */
export const teamManagers = pgTable(
  "team_managers",
  {
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (table) => [
    primaryKey({ columns: [table.teamId, table.userId] }),
    index("team_managers_user_id_idx").on(table.userId),
  ],
);
