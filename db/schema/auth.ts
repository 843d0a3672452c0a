import { sql } from "drizzle-orm";
import { pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./directory";

/** What an API client may do; people get theirs from their roles (lib/auth/scopes.ts). */
export const scopes = [
  "notifications:read",
  "notifications:write",
  "activity:read",
  "activity:write",
  // The CSV export: bulk personal data, so a scope of its own rather than part of activity:read.
  "activity:export",
  "subscriptions:manage",
  // People and teams in the directory (issue 11): add, edit, disable, import, erase, export.
  "directory:manage",
  // Rules the centre runs on its own (issue 12): events, escalations, stalled processes, reminders.
  "rules:manage",
  // Visits to residents (issue 12): book, reschedule, cancel and read them.
  "visits:manage",
] as const;
export type Scope = (typeof scopes)[number];
export const scopeEnum = pgEnum("scope", scopes);

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
    // Who the client is, as its subscriptions show it (seed 002's organisation and partyIds): an
    // organisation name and the party ids it acts for. Descriptive only; nothing is authorised by them.
    organisation: text(),
    partyIds: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (table) => [uniqueIndex("api_clients_key_hash_unique").on(table.keyHash)],
);
export type ApiClient = typeof apiClients.$inferSelect;
