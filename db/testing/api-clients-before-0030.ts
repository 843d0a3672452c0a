import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { scopeEnum } from "@/db/schema";

/**
 * `api_clients` as the migrations before 0030 left it. A test of an older migration inserts its rows
 * with this: drizzle writes every column the schema in code knows, including organisation and
 * party_ids, which a database migrated only that far does not have yet. The columns are named
 * outright: drizzle caches snake_case names per table name, and a cache filled from this table
 * would lack the real one's newer columns.
 */
export const apiClientsBefore0030 = pgTable("api_clients", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  keyHash: text("key_hash").notNull(),
  keyPrefix: text("key_prefix").notNull(),
  scopes: scopeEnum("scopes").array().notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  createdBy: uuid("created_by"),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});
