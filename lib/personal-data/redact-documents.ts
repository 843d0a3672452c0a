import { createHash } from "node:crypto";
import { inArray, isNull, and, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { documents } from "@/db/schema";
import type { PersonIdentifiers } from "./identifiers";

const emptyFile = Buffer.alloc(0);

/** What a redacted document becomes: no bytes, a placeholder name, the time; its id, type and notification stay. */
export const redactedDocument = (now: Date) => ({
  content: emptyFile,
  byteSize: 0,
  sha256: createHash("sha256").update(emptyFile).digest("hex"),
  filename: "redacted",
  redactedAt: now,
});

/** Empties the documents of these notifications (letters to the person, attachments sent to them). */
export async function emptyDocumentsOf(tx: Database, notificationIds: string[], now: Date): Promise<number> {
  if (notificationIds.length === 0) return 0;
  const emptied = await tx
    .update(documents)
    .set(redactedDocument(now))
    .where(and(inArray(documents.notificationId, notificationIds), isNull(documents.redactedAt)))
    .returning({ uid: documents.uid });
  return emptied.length;
}

/**
 * Empties any other document whose name or bytes hold the person's name, email or number as written
 * (a letter to someone else quoting them). Compressed PDF text is not found this way; letters to
 * the person themselves are emptied whole by emptyDocumentsOf.
 */
export async function emptyDocumentsMentioning(
  tx: Database,
  everywhere: PersonIdentifiers,
  now: Date,
): Promise<number> {
  if (everywhere.inText.length === 0) return 0;
  const found = or(
    ...everywhere.inText.map(
      (needle) =>
        sql`(position(convert_to(${needle}, 'UTF8') in ${documents.content}) > 0 or ${documents.filename} ilike ${`%${needle}%`})`,
    ),
  );
  const emptied = await tx
    .update(documents)
    .set(redactedDocument(now))
    .where(and(isNull(documents.redactedAt), found))
    .returning({ uid: documents.uid });
  return emptied.length;
}
