import { sql } from "drizzle-orm";
import {
  boolean,
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

/** What an API client may do; people get theirs from their roles (lib/auth/scopes.ts). */
export const scopes = [
  "notifications:read",
  "notifications:write",
  "activity:read",
  "activity:write",
  // The CSV export: bulk personal data, so a scope of its own rather than part of activity:read.
  "activity:export",
  "subscriptions:manage",
] as const;
export type Scope = (typeof scopes)[number];
export const scopeEnum = pgEnum("scope", scopes);

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    name: text().notNull(),
    roles: roleEnum().array().notNull(),
    // A resident's own records: the only tenure and person whose history they may read.
    personId: uuid(),
    tenureId: uuid(),
    // Where texts go when the person opts into them (lib/rules/preferences.ts); UK mobile, normalised.
    mobileNumber: text(),
    isDemo: boolean().notNull().default(false),
    // Session cookies carry the version current when the person signed in; signing out moves it on,
    // which ends every session of theirs at once (lib/auth/people.ts).
    sessionVersion: integer().notNull().default(0),
    // The single sign-on identity linked at the person's first SSO sign-in (matched by email then);
    // from then on only this issuer and subject sign them in (lib/auth/single-sign-on.ts).
    ssoIssuer: text(),
    ssoSubject: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    uniqueIndex("users_email_unique").on(sql`lower(${table.email})`),
    uniqueIndex("users_sso_identity_unique").on(table.ssoIssuer, table.ssoSubject),
  ],
);
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export const teams = pgTable("teams", {
  id: uuid().primaryKey().defaultRandom(),
  // Stable key other services address a team by, e.g. `finance` or `housing-officers`.
  key: text().notNull().unique(),
  name: text().notNull(),
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

export const apiClients = pgTable(
  "api_clients",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull().unique(),
    // SHA-256 of the key. Keys are 256 random bits, so a fast hash is enough: there is nothing to
    // brute-force, and a constant-time lookup by hash keeps authentication one indexed read.
    keyHash: text().notNull(),
    // First characters of the key, shown to admins so they can tell keys apart without the secret.
    keyPrefix: text().notNull(),
    scopes: scopeEnum().array().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (table) => [uniqueIndex("api_clients_key_hash_unique").on(table.keyHash)],
);
export type ApiClient = typeof apiClients.$inferSelect;
