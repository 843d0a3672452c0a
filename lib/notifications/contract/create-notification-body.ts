import { z } from "zod";
import "zod-openapi";
import { notificationTypes } from "@/db/schema";
import { isoDateTime } from "@/lib/api/dates";
import { isSameSitePath } from "@/lib/auth/safe-return-path";
import { categoryKeys, findCategory } from "@/lib/rules/categories";
import { addressLineKeys, checkChannels } from "./channel-rules";
import { recipientSchema } from "./recipient";
import { seedUserRecipient, seedUserSchema } from "./seed-user";
import { addressingProblems, recipientsProblems, recipientsSchema } from "./recipients";

// The seed sends flags as strings ("requireAction": "true"), so both spellings are accepted.
const flag = z
  .union([z.boolean(), z.enum(["true", "false"]).transform((value) => value === "true")])
  .optional()
  .meta({ type: "boolean" });

/** Notify's send-a-file limit: 2 MiB of file, checked on the decoded bytes. */
const attachmentMaxBytes = 2 * 1024 * 1024;
const attachmentMaxBase64Length = Math.ceil(attachmentMaxBytes / 3) * 4 + 4;
const sendAtHorizonMs = 366 * 24 * 60 * 60 * 1000;

const shortText = (max: number) => z.string().trim().max(max, `Must be at most ${max} characters`);
const addressLine = shortText(255).optional();

// An encrypted web link, or a path inside this service parsed as a browser parses it (so neither
// `/\evil.example` nor `/<TAB>/evil.example` passes as a path): never http:, javascript: or data:.
const actionUrl = z
  .string()
  .trim()
  .max(2000)
  .refine(
    (value) => isSameSitePath(value) || isHttpsLink(value),
    "Must be an https:// link or a path on this site starting with /",
  );

// Written as browsers will read it: nothing they would rewrite (backslashes, whitespace, control characters).
const characterBrowsersRewrite = /[\\\s\u0000-\u001f\u007f]/;

function isHttpsLink(value: string): boolean {
  if (!/^https:\/\/[^/]/i.test(value) || characterBrowsersRewrite.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname !== "" && !url.username && !url.password;
  } catch {
    return false;
  }
}

const attachmentSchema = z.strictObject({
  personalisationField: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .default("link_to_file")
    .meta({ description: "The template field that becomes the download link" }),
  filename: z
    .string()
    .trim()
    .max(100, "Must be at most 100 characters")
    .regex(/^[^\\/]+\.[A-Za-z0-9]{1,10}$/, "Give the file name with its extension, e.g. rent-statement.pdf"),
  content: z
    .base64("Send the file's bytes as base64")
    .max(attachmentMaxBase64Length, "The file must be 2 MB or smaller"),
  confirmEmailBeforeDownload: z.boolean().optional(),
  retentionPeriod: z
    .string()
    .regex(/^([1-9]|[1-6][0-9]|7[0-8]) weeks?$/, "Between 1 week and 78 weeks, e.g. 26 weeks")
    .optional(),
});

/** Each field on its own; the rules between fields are applied by createNotificationBodySchema. */
const createNotificationFields = z.object({
  notificationType: z.enum(notificationTypes, "Must be one of Screen, Email, Text, Letter"),
  message: shortText(2000).min(1, "Enter a message").optional(),
  targetType: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9]{0,49}$/, "Use a record type such as tenure, person or workOrder")
    .optional(),
  targetId: shortText(100).min(1).optional(),
  recipient: recipientSchema.optional(),
  user: seedUserSchema.optional(),
  recipients: recipientsSchema.optional(),
  category: z.enum(categoryKeys, "Not a known category").optional(),
  serviceKey: z.string().trim().optional(),
  templateId: z.uuid("templateId must be a GOV.UK Notify template id (a uuid)").optional(),
  emailTemplateId: z.uuid().optional().meta({ description: "Overrides templateId for the email copy" }),
  smsTemplateId: z.uuid().optional().meta({ description: "Overrides templateId for the text message copy" }),
  letterTemplateId: z.uuid().optional().meta({ description: "Overrides templateId for the letter copy" }),
  email: z.string().optional(),
  mobileNumber: z.string().optional(),
  firstName: shortText(100).optional(),
  lastName: shortText(100).optional(),
  addressLine1: addressLine,
  addressLine2: addressLine,
  addressLine3: addressLine,
  addressLine4: addressLine,
  addressLine5: addressLine,
  addressLine6: addressLine,
  addressLine7: addressLine,
  personalisationParams: z
    .record(z.string().min(1).max(100), z.union([z.string().max(10_000), z.number(), z.boolean()]))
    .refine((value) => Object.keys(value).length <= 100, "At most 100 fields")
    .optional(),
  attachment: attachmentSchema
    .optional()
    .meta({ description: "A file sent with the email through Notify's send-a-file links (2 MB at most)" }),
  requireAction: flag,
  requireEmailNotification: flag,
  requireSmsNotification: flag,
  requireLetter: flag,
  actionUrl: actionUrl.optional(),
  sendAt: isoDateTime("Must be an ISO 8601 date and time, e.g. 2026-12-01T09:00:00Z").optional(),
});

/**
 * POST /api/v1/notifications. Field rules follow API.md; the rules between fields (what each
 * channel needs, see channel-rules.ts) are checked together so every failing field is reported at
 * once, and the body comes out normalised: contacts as Notify will use them, the channels it goes
 * out on, and requireAction settled from its category.
 */
export const createNotificationBodySchema = createNotificationFields
  .transform((body, context) => {
    const failures: { path: string[]; message: string }[] = [];
    const fail = (path: string[], message: string) => failures.push({ path, message });
    const category = body.category ? findCategory(body.category) : undefined;
    const audienceFromCategory = category !== undefined && category.audience !== "addressee";

    // The seed's `user` names one person, whose details the directory holds, as recipient { userId } does.
    const { channels, contacts, problems } = checkChannels(
      { ...body, recipient: body.recipient ?? seedUserRecipient(body.user) },
      { audienceFromCategory },
    );
    for (const problem of problems) fail([problem.path], problem.message);
    for (const problem of addressingProblems(body)) fail([problem.path], problem.message);
    const addressGiven = addressLineKeys.some((key) => body[key]);
    for (const problem of recipientsProblems({ ...body, addressGiven })) fail([problem.path], problem.message);
    if ((body.targetType === undefined) !== (body.targetId === undefined)) {
      fail([body.targetType === undefined ? "targetType" : "targetId"], "Give targetType and targetId together");
    }
    if (body.attachment) {
      const bytes = Buffer.byteLength(body.attachment.content, "base64");
      if (bytes > attachmentMaxBytes) {
        const megabytes = (bytes / 1024 / 1024).toFixed(1);
        fail(["attachment", "content"], `The file must be 2 MB or smaller; this one is ${megabytes} MB`);
      }
    }
    if (body.sendAt) {
      const sendAt = Date.parse(body.sendAt);
      if (sendAt < Date.now() - 60_000) fail(["sendAt"], "Must be in the future");
      if (sendAt > Date.now() + sendAtHorizonMs) fail(["sendAt"], "Must be within a year");
    }
    if (failures.length > 0) {
      for (const failure of failures) context.addIssue({ code: "custom", ...failure });
      return z.NEVER;
    }
    return {
      ...body,
      ...contacts,
      requireAction: body.requireAction ?? category?.requireAction ?? false,
      channels,
    };
  })
  .meta({ id: "CreateNotification" });
export type CreateNotificationBody = z.output<typeof createNotificationBodySchema>;
