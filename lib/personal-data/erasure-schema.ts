import { z } from "zod";
import { personSchema } from "@/lib/directory/person-responses";

/** The answer to POST /api/v1/people/{id}/erasure: the same outcome however often it is asked. */
export const erasureOutcomeSchema = z
  .object({
    personId: z.uuid(),
    erasedAt: z.iso.datetime({ offset: true }).describe("When the details were erased (the first call)"),
    alreadyErased: z.boolean().describe("True when an earlier call erased them: nothing was changed this time"),
    counts: z
      .object({
        notifications: z.int(),
        notificationActions: z.int(),
        deliveries: z.int(),
        unsentDeliveriesCancelled: z.int().describe("Messages to the person not yet handed to Notify, now cancelled"),
        deliveryStatusEvents: z.int(),
        documents: z.int(),
        activities: z.int(),
        idempotentResponses: z.int(),
      })
      .describe("Rows redacted by the erasure, per kind (the first call's)"),
  })
  .meta({ id: "ErasureOutcome" });

const rows = (what: string) => z.array(z.record(z.string(), z.unknown())).describe(what);

/** GET /api/v1/people/{id}/export: the sections of a subject-access file (rows as stored, camelCase). */
export const personalDataExportSchema = z
  .object({
    exportedAt: z.iso.datetime({ offset: true }),
    person: personSchema.extend({ erasedAt: z.iso.datetime({ offset: true }).nullable() }),
    notifications: rows("Notifications addressed to the person"),
    receipts: rows("Their copies of notifications: read, archived, deleted"),
    actions: rows("Actions they recorded on notifications (the audit trail)"),
    deliveries: rows("Emails, texts and letters to them, with their statuses"),
    documents: rows("Letters and attachments sent to them (details, not the bytes)"),
    preferences: rows("How they chose to hear about each category"),
    activities: rows("Activity history about them, or written by or for them"),
  })
  .meta({ id: "PersonalDataExport" });
