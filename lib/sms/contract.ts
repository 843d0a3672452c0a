import { z } from "zod";
import "zod-openapi";
import { isoDateTime } from "@/lib/api/dates";
import { paginationQuerySchema } from "@/lib/api/pagination";

// The seed's SMS API (004): a caller's own words to a client or a member of staff, addressed by
// who they are, never by a number. Each text is a Text notification (lib/sms/submit-sms.ts).

/** Notify's limit on a text's content (notifications-utils SMS_CHAR_COUNT_LIMIT, 153 × 6). */
export const smsMaxCharacters = 918;

const personIdField = z.uuid("personId must be a uuid").meta({ description: "The council's person id" });
const userIdField = z.uuid("userId must be a uuid").meta({ description: "The person's id in this service" });

const smsFields = new Set(["message", "personId", "userId", "sendAt"]);

/** POST /api/v1/sms. Exactly one of personId and userId; any other field (a number) is refused. */
export const createSmsBodySchema = z
  .object({
    message: z
      .string("Enter the message")
      .trim()
      .min(1, "Enter the message")
      .superRefine((message, context) => {
        if (message.length > smsMaxCharacters)
          context.addIssue({
            code: "custom",
            message: `Text messages cannot be longer than ${smsMaxCharacters} characters. Your message is ${message.length} characters long.`,
          });
      })
      .meta({ description: `1 to ${smsMaxCharacters} characters, sent as it is` }),
    personId: personIdField.optional(),
    userId: userIdField.optional(),
    sendAt: isoDateTime("Must be an ISO 8601 date and time, e.g. 2026-12-01T09:00:00Z")
      .optional()
      .meta({ description: "When to send it (within a year); now if left out" }),
  })
  .catchall(z.unknown())
  .superRefine((body, context) => {
    if ((body.personId === undefined) === (body.userId === undefined))
      context.addIssue({
        code: "custom",
        path: ["personId"],
        message:
          body.personId === undefined
            ? "Say who to text: personId (the council's person id) or userId"
            : "Give personId or userId, not both",
      });
    // A mobile number or anything else besides: named, so a caller used to send(number) learns why.
    for (const key of Object.keys(body).filter((key) => !smsFields.has(key)))
      context.addIssue({
        code: "custom",
        path: [key],
        message: "Not a field of a text: address the person by personId or userId",
      });
  })
  .meta({ id: "CreateSms" });
export type CreateSmsBody = z.output<typeof createSmsBodySchema>;

/** GET /api/v1/sms. */
export const listSmsQuerySchema = paginationQuerySchema.extend({
  personId: personIdField.optional(),
  userId: userIdField.optional(),
});
export type ListSmsQuery = z.output<typeof listSmsQuerySchema>;

export const smsIdParamsSchema = z.object({ id: z.uuid("Not a text message id") });

/** A text as the SMS API answers it; its status is its delivery's (ours, then GOV.UK Notify's). */
export const smsSchema = z
  .object({
    id: z.uuid(),
    status: z.string().meta({
      description: "pending, scheduled, rejected or failed until Notify holds it; then Notify's (created, delivered …)",
    }),
    personId: z.uuid().nullable(),
    userId: z.uuid().nullable(),
    message: z.string(),
    sendAt: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: "Sms" });
export type SmsResponse = z.infer<typeof smsSchema>;

export const smsPageSchema = z
  .object({ results: z.array(smsSchema), paginationDetails: z.object({ nextToken: z.string().nullable() }) })
  .meta({ id: "SmsPage" });
