import { z } from "zod";
import { isoDate, isoDateTime } from "@/lib/api/dates";
import "zod-openapi";
import { actionTypes, deliveryChannels, notificationTypes, roles } from "@/db/schema";
import { pageSizeSchema } from "@/lib/api/pagination";
import { validateEmailAddress, validateUkAddress, validateUkMobileNumber } from "@/lib/notify/recipients";
import { configuredServiceKeys, unknownServiceMessage } from "@/lib/notify/services";
import { categoryKeys, findCategory } from "@/lib/rules/categories";

// The seed sends flags as strings ("requireAction": "true"), so both spellings are accepted.
const flag = z
  .union([z.boolean(), z.enum(["true", "false"]).transform((value) => value === "true")])
  .optional()
  .meta({ type: "boolean" });

/** Notify's send-a-file limit: 2 MiB of file, checked on the decoded bytes. */
const attachmentMaxBytes = 2 * 1024 * 1024;
const attachmentMaxBase64Length = Math.ceil(attachmentMaxBytes / 3) * 4 + 4;

const teamKey = z.string().regex(/^[a-z0-9][a-z0-9-]{0,49}$/, "Use a team key such as finance or housing-officers");
const shortText = (max: number) => z.string().trim().max(max, `Must be at most ${max} characters`);

export const recipientSchema = z
  .union([
    z.strictObject({ userId: z.uuid("userId must be a uuid") }),
    z.strictObject({ team: teamKey }),
    z.strictObject({ role: z.enum(roles) }),
  ])
  .meta({ id: "Recipient", description: "Who sees it in the inbox: one person, a team, or everyone with a role" });
export type Recipient = z.infer<typeof recipientSchema>;

// Only web links and links inside this service: never javascript: or data: URLs.
const actionUrl = z
  .string()
  .trim()
  .max(2000)
  .refine(
    (value) => /^\/(?!\/)/.test(value) || /^https?:\/\/[^\s]+$/i.test(value),
    "Must be an https:// link or a path starting with /",
  );

const addressLineKeys = [
  "addressLine1",
  "addressLine2",
  "addressLine3",
  "addressLine4",
  "addressLine5",
  "addressLine6",
  "addressLine7",
] as const;

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
  ...(Object.fromEntries(addressLineKeys.map((key) => [key, shortText(255).optional()])) as Record<
    (typeof addressLineKeys)[number],
    z.ZodOptional<z.ZodString>
  >),
  personalisationParams: z
    .record(z.string().min(1).max(100), z.union([z.string().max(10_000), z.number(), z.boolean()]))
    .refine((value) => Object.keys(value).length <= 100, "At most 100 fields")
    .optional(),
  attachment: z
    .strictObject({
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
    })
    .optional()
    .meta({ description: "A file sent with the email through Notify's send-a-file links (2 MB at most)" }),
  requireAction: flag,
  requireEmailNotification: flag,
  requireSmsNotification: flag,
  requireLetter: flag,
  actionUrl: actionUrl.optional(),
  sendAt: isoDateTime("Must be an ISO 8601 date and time, e.g. 2026-12-01T09:00:00Z").optional(),
});

type CreateFields = z.infer<typeof createNotificationFields>;

/** The channels a notification goes out on besides the inbox. */
function channelsFor(
  body: Pick<
    CreateFields,
    "notificationType" | "requireEmailNotification" | "requireSmsNotification" | "requireLetter"
  >,
) {
  const channels = new Set<(typeof deliveryChannels)[number]>();
  if (body.notificationType === "Email" || body.requireEmailNotification) channels.add("email");
  if (body.notificationType === "Text" || body.requireSmsNotification) channels.add("sms");
  if (body.notificationType === "Letter" || body.requireLetter) channels.add("letter");
  return [...channels];
}

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

const notificationStatuses = ["all", "unread", "read", "actionRequired", "archived"] as const;

export const listNotificationsQuerySchema = z.object({
  notificationType: z.enum(notificationTypes).optional(),
  targetType: z.string().max(50).optional(),
  targetId: z.string().max(100).optional(),
  status: z.enum(notificationStatuses).default("all"),
  category: z.enum(categoryKeys, "Not a known category").optional(),
  from: isoDate("Use a date such as 2026-11-23").optional().meta({ description: "Created on or after this day (UTC)" }),
  to: isoDate("Use a date such as 2026-11-23").optional().meta({ description: "Created on or before this day (UTC)" }),
  q: z
    .string()
    .trim()
    .max(200, "Must be at most 200 characters")
    .optional()
    .meta({ description: "Text the message contains" }),
  pageSize: pageSizeSchema,
  paginationToken: z.string().max(500).optional(),
});
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuerySchema>;

export const notificationIdParamsSchema = z.object({ id: z.uuid("Not a notification id") });

export const recordActionBodySchema = z
  .object({
    actionType: z.enum(actionTypes, "Must be one of Initiated, Approved, Validate, Rejected, IsRead"),
    actionNote: z.string().trim().max(2000, "Must be at most 2000 characters").optional(),
  })
  .superRefine((body, context) => {
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

export const markAllReadBodySchema = z
  .object({
    before: isoDateTime("Use an ISO-8601 time such as 2026-11-23T09:30:00Z").meta({
      description: "When the list was loaded: items that arrived later stay unread",
    }),
  })
  .meta({ id: "MarkAllRead" });
export type MarkAllReadBody = z.infer<typeof markAllReadBodySchema>;

const deliverySchema = z.object({
  channel: z.enum(deliveryChannels),
  status: z.string(),
  notifyId: z.string().nullable(),
  sentAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  error: z.string().nullable(),
  documentId: z.string().nullable().meta({
    description: "A letter's PDF or an email's attached file in the document store (GET /api/v1/documents/{uid})",
  }),
});

const actionSchema = z
  .object({
    actionType: z.enum(actionTypes),
    actionNote: z.string().nullable(),
    performedBy: z.string(),
    performedAt: z.string(),
  })
  .meta({ id: "NotificationAction" });

/** A notification as the API returns it: the seed's field names, plus recipient, category, deliveries. */
export const notificationSchema = z
  .object({
    id: z.uuid(),
    targetId: z.string().nullable(),
    targetType: z.string().nullable(),
    notificationType: z.enum(notificationTypes),
    category: z.string().nullable(),
    message: z.string().nullable(),
    recipient: recipientSchema.nullable(),
    serviceKey: z.string().nullable(),
    templateId: z.string().nullable(),
    email: z.string().nullable(),
    mobileNumber: z.string().nullable(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    personalisationParams: z.record(z.string(), z.unknown()).nullable(),
    requireAction: z.boolean(),
    requireEmailNotification: z.boolean(),
    requireSmsNotification: z.boolean(),
    requireLetter: z.boolean(),
    isReadStatus: z.boolean(),
    isArchived: z.boolean(),
    actionRequired: z.boolean().meta({ description: "Still waiting for someone to act on it" }),
    isRemovable: z.boolean(),
    actionNote: z.string().nullable(),
    performedActionType: z.enum(actionTypes).nullable(),
    performedActionDoneBy: z.string().nullable(),
    performedActionDate: z.string().nullable(),
    actionUrl: z.string().nullable(),
    actionLabel: z.string().nullable(),
    sendAt: z.string().nullable(),
    createdDate: z.string(),
    deliveries: z.array(deliverySchema),
    actions: z
      .array(actionSchema)
      .optional()
      .meta({ description: "The audit trail, oldest first (single notification only)" }),
  })
  .meta({ id: "Notification" });
export type NotificationResponse = z.infer<typeof notificationSchema>;

export const notificationPageSchema = z
  .object({ results: z.array(notificationSchema), paginationDetails: z.object({ nextToken: z.string().nullable() }) })
  .meta({ id: "NotificationPage" });

export const notificationCountsSchema = z
  .object({
    unread: z.number().int().meta({ description: "Not read and not archived" }),
    actionRequired: z.number().int().meta({ description: "Still waiting for an action, not archived" }),
    all: z.number().int().meta({ description: "Everything not archived" }),
    archived: z.number().int(),
  })
  .meta({ id: "NotificationCounts" });
