import { z } from "zod";
import "zod-openapi";
import { recordableActionTypes } from "@/db/schema";
import { isoDateTime } from "@/lib/api/dates";
import { personHandleSchema } from "./seed-user";

// Requests about notifications that already exist: which one, an action on it, the caller's own
// copy of it, and marking everything read.

export const notificationIdParamsSchema = z.object({ id: z.uuid("Not a notification id") });

/** PATCH /api/v1/notifications/{id}. */
export const recordActionBodySchema = z
  .object({
    actionType: z.enum(recordableActionTypes, "Must be one of Initiated, Approved, Validate, Rejected, IsRead"),
    actionNote: z.string().trim().max(2000, "Must be at most 2000 characters").optional(),
    onBehalfOf: personHandleSchema.optional().meta({
      description:
        "IsRead from a client service: the recipient whose copy it marks read, by user id, council person id or email address. Left out, a service's IsRead marks every recipient's copy read. People mark only their own copy and may not send it.",
      example: "rosa.alvarez@resident.example",
    }),
  })
  .superRefine((body, context) => {
    if (body.onBehalfOf !== undefined && body.actionType !== "IsRead") {
      context.addIssue({
        code: "custom",
        path: ["onBehalfOf"],
        message: "Only IsRead is recorded for someone else",
      });
    }
    if ((body.actionType === "Approved" || body.actionType === "Rejected") && !body.actionNote) {
      context.addIssue({
        code: "custom",
        path: ["actionNote"],
        message: `Add a note saying why it was ${body.actionType.toLowerCase()}`,
      });
    }
  })
  .meta({ id: "RecordAction" });
export type RecordActionBody = z.infer<typeof recordActionBodySchema>;

/** PUT /api/v1/notifications/{id}/receipt. */
export const updateReceiptBodySchema = z
  .object({
    read: z.boolean().optional().meta({ description: "true marks it read, false unread" }),
    archived: z.boolean().optional().meta({ description: "true archives it, false brings it back" }),
  })
  .refine((body) => body.read !== undefined || body.archived !== undefined, {
    message: "Say read or archived (or both)",
    path: ["read"],
  })
  .meta({ id: "UpdateReceipt", description: "The caller's own copy: read/unread and archived state; no audit row" });
export type UpdateReceiptBody = z.infer<typeof updateReceiptBodySchema>;

/** POST /api/v1/notifications/mark-all-read. */
export const markAllReadBodySchema = z
  .object({
    before: isoDateTime("Use an ISO-8601 time such as 2026-11-23T09:30:00Z").meta({
      description: "When the list was loaded: items that arrived later stay unread",
    }),
  })
  .meta({ id: "MarkAllRead" });
export type MarkAllReadBody = z.infer<typeof markAllReadBodySchema>;
