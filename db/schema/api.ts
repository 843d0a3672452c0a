import { integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/** The first answer to each Idempotency-Key, per caller, replayed for 24 hours. */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    // `client:<id>` or `user:<id>`: keys are scoped to whoever sent them.
    callerKey: text().notNull(),
    key: text().notNull(),
    requestHash: text().notNull(),
    responseStatus: integer(),
    responseBody: jsonb(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.callerKey, table.key] })],
);

/**
 * The request limits and per-recipient caps (lib/api/rate-limit.ts), counted here rather than in
 * each process's memory so every replica counts together. A key's window opens with its first use
 * and lasts until `resetsAt`; the next use after that opens a fresh one in the same row. Rows whose
 * window has passed are deleted by housekeeping (lib/jobs/schedules.ts). Unlogged (migration 0033,
 * which drizzle cannot declare): a count commits without a WAL flush, and a crash empties it.
 */
export const rateLimitWindows = pgTable("rate_limit_windows", {
  // `<limit>:<caller>` or `<limit>:<caller>|<recipient>`, e.g. `recipient:client:…|person:…`.
  key: text().primaryKey(),
  resetsAt: timestamp({ withTimezone: true }).notNull(),
  count: integer().notNull(),
});
