import { customType, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { notifications } from "./notifications";

// PostgreSQL bytea as a Node Buffer: PGlite hands back Uint8Array, postgres.js a Buffer.
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => value,
  fromDriver: (value) => Buffer.from(value),
});

export type EmailFileOptions = {
  personalisationField: string;
  confirmEmailBeforeDownload?: boolean;
  retentionPeriod?: string;
};

/**
 * The document store: files made for or sent with a notification (letter PDFs, email attachments), kept in the database so a
 * letter can be resent or shown exactly as it was posted. Readable by whoever may see the notification.
 */
export const documents = pgTable(
  "documents",
  {
    uid: uuid().primaryKey().defaultRandom(),
    notificationId: uuid()
      .notNull()
      .references(() => notifications.id),
    contentType: text().notNull(),
    filename: text().notNull(),
    content: bytea().notNull(),
    byteSize: integer().notNull(),
    // Hex SHA-256 of `content`, so a copy can be checked against what was sent.
    sha256: text().notNull(),
    // An email attachment's Notify send-a-file settings: which template field gets the link, and how.
    emailFileOptions: jsonb().$type<EmailFileOptions>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    // When the file's bytes were replaced by an empty file and its name by a placeholder (lib/personal-data).
    redactedAt: timestamp({ withTimezone: true }),
  },
  (table) => [index("documents_notification_idx").on(table.notificationId, table.createdAt)],
);
export type Document = typeof documents.$inferSelect;
export type NewDocument = typeof documents.$inferInsert;
