import { z } from "zod";
import "zod-openapi";
import { notificationTypes } from "@/db/schema";
import { isoDateTime } from "@/lib/api/dates";
import { categoryKeys, findCategory } from "@/lib/rules/categories";
import { validateEmailAddress, validateUkAddress, validateUkMobileNumber } from "@/lib/notify/recipients";
import { configuredServiceKeys, unknownServiceMessage } from "@/lib/notify/services";
import { addressLineKeys, channelsFor } from "./channel-rules";
import { recipientSchema } from "./recipient";

// The seed sends flags as strings ("requireAction": "true"), so both spellings are accepted.
const flag = z
  .union([z.boolean(), z.enum(["true", "false"]).transform((value) => value === "true")])
  .optional()
  .meta({ type: "boolean" });

/** Notify's send-a-file limit: 2 MiB of file, checked on the decoded bytes. */
const attachmentMaxBytes = 2 * 1024 * 1024;
const attachmentMaxBase64Length = Math.ceil(attachmentMaxBytes / 3) * 4 + 4;

const shortText = (max: number) => z.string().trim().max(max, `Must be at most ${max} characters`);
const addressLine = shortText(255).optional();

// Only web links and links inside this service: never javascript: or data: URLs.
const actionUrl = z
  .string()
  .trim()
  .max(2000)
  .refine(
    (value) => /^\/(?!\/)/.test(value) || /^https?:\/\/[^\s]+$/i.test(value),
    "Must be an https:// link or a path starting with /",
  );

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
 * POST /api/v1/notifications. Field rules follow API.md; cross-field rules (per channel) are
 * checked together so every failing field is reported at once.
 */
export const createNotificationBodySchema = createNotificationFields
  .superRefine((body, context) => {
    const fail = (path: string, message: string) => context.addIssue({ code: "custom", path: [path], message });
    const category = body.category ? findCategory(body.category) : undefined;

    if (body.notificationType === "Screen" && !body.message) fail("message", "Enter the message to show in the inbox");
    const audienceFromCategory = category && category.audience !== "addressee";
    if (body.notificationType === "Screen" && !body.recipient && !audienceFromCategory) {
      fail("recipient", "Say who should see it: { userId }, { team } or { role }");
    }
    if ((body.targetType === undefined) !== (body.targetId === undefined)) {
      fail(body.targetType === undefined ? "targetType" : "targetId", "Give targetType and targetId together");
    }

    const channels = channelsFor(body);
    if (channels.length > 0) {
      if (!body.serviceKey) fail("serviceKey", "Name the GOV.UK Notify service that sends it, e.g. housing");
      else if (!configuredServiceKeys().includes(body.serviceKey)) {
        fail("serviceKey", unknownServiceMessage());
      }
      for (const channel of channels) {
        const specific = body[`${channel}TemplateId`];
        if (!specific && !body.templateId) fail("templateId", `Give the GOV.UK Notify template for the ${channel}`);
      }
    }
    if (channels.includes("email")) {
      if (!body.email) fail("email", "Enter the email address to send to");
      else {
        const result = validateEmailAddress(body.email);
        if (!result.ok) fail("email", result.message);
      }
    }
    if (channels.includes("sms")) {
      if (!body.mobileNumber) fail("mobileNumber", "Enter the mobile number to send to");
      else {
        const result = validateUkMobileNumber(body.mobileNumber);
        if (!result.ok) fail("mobileNumber", result.message);
      }
    }
    if (channels.includes("letter")) {
      const result = validateUkAddress(addressLineKeys.map((key) => body[key]));
      if (!result.ok) {
        for (const problem of result.problems)
          fail(problem.line === null ? "addressLine1" : addressLineKeys[problem.line]!, problem.message);
      }
    }
    if (body.attachment) {
      if (!channels.includes("email")) fail("attachment", "Only emails can carry a file");
      const bytes = Buffer.byteLength(body.attachment.content, "base64");
      if (bytes > attachmentMaxBytes) {
        context.addIssue({
          code: "custom",
          path: ["attachment", "content"],
          message: `The file must be 2 MB or smaller; this one is ${(bytes / 1024 / 1024).toFixed(1)} MB`,
        });
      }
    }
    if (body.sendAt) {
      const sendAt = Date.parse(body.sendAt);
      if (sendAt < Date.now() - 60_000) fail("sendAt", "Must be in the future");
      if (sendAt > Date.now() + 366 * 24 * 60 * 60 * 1000) fail("sendAt", "Must be within a year");
    }
  })
  .transform((body) => {
    const category = body.category ? findCategory(body.category) : undefined;
    return {
      ...body,
      email: body.email ? (validateEmailAddress(body.email) as { value: string }).value : undefined,
      mobileNumber: body.mobileNumber
        ? ((validateUkMobileNumber(body.mobileNumber) as { value?: string }).value ?? body.mobileNumber)
        : undefined,
      address: channelsFor(body).includes("letter")
        ? (validateUkAddress(addressLineKeys.map((key) => body[key])) as { value: string[] }).value
        : undefined,
      requireAction: body.requireAction ?? category?.requireAction ?? false,
      channels: channelsFor(body),
    };
  })
  .meta({ id: "CreateNotification" });
export type CreateNotificationBody = z.output<typeof createNotificationBodySchema>;
