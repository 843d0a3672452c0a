import { NotifyClient } from "notifications-node-client";
import { z } from "zod";

// The one place that talks to GOV.UK Notify (or the local simulator, which speaks the same API).
// Responses are checked against Notify's v2 shapes; every failure becomes a NotifyError.

export type NotifyErrorEntry = { error: string; message: string };

/**
 * A failed Notify call. `status` is the HTTP status, or null when no response came (network
 * error) or the client refused before sending. `retryable` is true for 5xx, 429 and network
 * errors; other 4xx mean the request itself is wrong and will fail again.
 */
export class NotifyError extends Error {
  readonly status: number | null;
  readonly errors: NotifyErrorEntry[];
  readonly retryable: boolean;

  constructor(
    status: number | null,
    errors: NotifyErrorEntry[],
    retryable: boolean,
    options: { cause?: unknown } = {},
  ) {
    super(`GOV.UK Notify ${status ?? "request"} failed: ${errors.map((entry) => entry.message).join("; ")}`, {
      cause: options.cause,
    });
    this.name = "NotifyError";
    this.status = status;
    this.errors = errors;
    this.retryable = retryable;
  }
}

/** A file to send by email: what `prepareUpload` returns. */
export type FileUpload = {
  file: string;
  filename?: string | null;
  confirm_email_before_download?: boolean | null;
  retention_period?: string | null;
};
export type PersonalisationValue = string | number | boolean | null | readonly (string | number)[] | FileUpload;
export type Personalisation = Record<string, PersonalisationValue>;

const nullableText = z.string().nullable().default(null);
const templateReferenceSchema = z.object({ id: z.string(), version: z.number(), uri: z.string() });
const sentCommon = {
  id: z.string(),
  reference: nullableText,
  uri: z.string(),
  template: templateReferenceSchema,
  scheduled_for: nullableText,
};

export const sentEmailSchema = z.object({
  ...sentCommon,
  content: z.object({
    from_email: z.string(),
    body: z.string(),
    subject: z.string(),
    one_click_unsubscribe_url: nullableText,
  }),
  sanitised_content: z.record(z.string(), z.object({ unsanitised: z.string(), sanitised: z.string() })).default({}),
});
export const sentSmsSchema = z.object({
  ...sentCommon,
  content: z.object({ from_number: z.string(), body: z.string() }),
});
export const sentLetterSchema = z.object({
  ...sentCommon,
  content: z.object({ body: z.string(), subject: z.string() }),
});
export const sentPrecompiledLetterSchema = z.object({ id: z.string(), reference: z.string(), postage: z.string() });

export const notifyNotificationSchema = z.object({
  id: z.string(),
  reference: nullableText,
  email_address: nullableText,
  phone_number: nullableText,
  line_1: nullableText,
  line_2: nullableText,
  line_3: nullableText,
  line_4: nullableText,
  line_5: nullableText,
  line_6: nullableText,
  postcode: nullableText,
  type: z.enum(["email", "sms", "letter"]),
  status: z.string(),
  template: templateReferenceSchema,
  body: z.string(),
  subject: nullableText,
  created_at: z.string(),
  created_by_name: nullableText,
  sent_at: nullableText,
  completed_at: nullableText,
  scheduled_for: nullableText,
  postage: nullableText,
  one_click_unsubscribe_url: nullableText,
  is_cost_data_ready: z.boolean(),
  cost_in_pounds: z.number().nullable().default(null),
  cost_details: z.record(z.string(), z.unknown()).default({}),
  estimated_delivery: z.string().optional(),
});
export const notificationsPageSchema = z.object({
  notifications: z.array(notifyNotificationSchema),
  links: z.object({ current: z.string(), next: z.string().optional() }),
});

export const notifyTemplateSchema = z.object({
  id: z.string(),
  type: z.enum(["email", "sms", "letter"]),
  name: z.string(),
  version: z.number(),
  created_at: z.string(),
  updated_at: nullableText,
  created_by: z.string(),
  body: z.string(),
  subject: nullableText,
  personalisation: z.record(z.string(), z.object({ required: z.boolean() })).default({}),
  postage: nullableText,
  letter_contact_block: nullableText,
});
export const templatePreviewSchema = z.object({
  id: z.string(),
  type: z.enum(["email", "sms", "letter"]),
  version: z.number(),
  body: z.string(),
  html: nullableText,
  subject: nullableText,
  postage: nullableText,
});

export type SentEmail = z.infer<typeof sentEmailSchema>;
export type SentSms = z.infer<typeof sentSmsSchema>;
export type SentLetter = z.infer<typeof sentLetterSchema>;
export type SentPrecompiledLetter = z.infer<typeof sentPrecompiledLetterSchema>;
export type NotifyNotification = z.infer<typeof notifyNotificationSchema>;
export type NotificationsPage = z.infer<typeof notificationsPageSchema>;
export type NotifyTemplate = z.infer<typeof notifyTemplateSchema>;
export type TemplatePreview = z.infer<typeof templatePreviewSchema>;
export type NotifyTemplateType = NotifyTemplate["type"];

const errorBodySchema = z.object({ errors: z.array(z.object({ error: z.string(), message: z.string() })).min(1) });

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** Turns whatever the client threw (an AxiosError, an Error, a string) into a NotifyError. */
export function toNotifyError(thrown: unknown): NotifyError {
  if (thrown instanceof NotifyError) return thrown;
  if (isRecord(thrown) && thrown.isAxiosError === true) {
    const status =
      isRecord(thrown.response) && typeof thrown.response.status === "number" ? thrown.response.status : null;
    if (status === null) {
      const code = typeof thrown.code === "string" ? thrown.code : "NetworkError";
      return new NotifyError(null, [{ error: code, message: String(thrown.message) }], true, { cause: thrown });
    }
    const body = isRecord(thrown.response) ? thrown.response.data : undefined;
    const parsed = errorBodySchema.safeParse(body);
    const fallbackMessage =
      isRecord(body) && typeof body.message === "string" ? body.message : `Notify answered HTTP ${status}`;
    const errors = parsed.success ? parsed.data.errors : [{ error: "HTTPError", message: fallbackMessage }];
    return new NotifyError(status, errors, status >= 500 || status === 429, { cause: thrown });
  }
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return new NotifyError(null, [{ error: "ClientError", message }], false, { cause: thrown });
}

async function call<Schema extends z.ZodType>(
  schema: Schema,
  request: () => Promise<{ status: number; data: unknown }>,
): Promise<z.output<Schema>> {
  let response: { status: number; data: unknown };
  try {
    response = await request();
  } catch (thrown) {
    throw toNotifyError(thrown);
  }
  const parsed = schema.safeParse(response.data);
  if (!parsed.success) {
    throw new NotifyError(
      response.status,
      [{ error: "UnexpectedResponse", message: z.prettifyError(parsed.error) }],
      false,
    );
  }
  return parsed.data;
}

/**
 * A read (GET, or a preview that changes nothing): asked once more at once when no answer came at
 * all. A kept-alive socket that Notify closed while this process was busy fails the first use with a
 * reset; a second connection answers. Sends are never asked twice here: a send whose answer was lost
 * may have been accepted, and the delivery pipeline decides what to do about that.
 */
async function read<Schema extends z.ZodType>(
  schema: Schema,
  request: () => Promise<{ status: number; data: unknown }>,
): Promise<z.output<Schema>> {
  try {
    return await call(schema, request);
  } catch (error) {
    if (error instanceof NotifyError && error.status === null && error.retryable) return call(schema, request);
    throw error;
  }
}

export type SendEmailOptions = {
  personalisation?: Personalisation;
  reference?: string;
  emailReplyToId?: string;
  oneClickUnsubscribeUrl?: string;
  sanitiseContentFor?: string[];
};
export type SendSmsOptions = { personalisation?: Personalisation; reference?: string; smsSenderId?: string };
export type SendLetterOptions = { personalisation: Personalisation; reference?: string };
export type NotificationFilters = {
  templateType?: NotifyTemplateType;
  status?: string;
  reference?: string;
  olderThan?: string;
};

export type NotifyApiClient = {
  sendEmail(templateId: string, emailAddress: string, options?: SendEmailOptions): Promise<SentEmail>;
  sendSms(templateId: string, phoneNumber: string, options?: SendSmsOptions): Promise<SentSms>;
  sendLetter(templateId: string, options: SendLetterOptions): Promise<SentLetter>;
  sendPrecompiledLetter(
    reference: string,
    pdf: Buffer,
    postage?: "first" | "second" | "economy",
  ): Promise<SentPrecompiledLetter>;
  getNotificationById(notificationId: string): Promise<NotifyNotification>;
  getNotifications(filters?: NotificationFilters): Promise<NotificationsPage>;
  getTemplates(type?: NotifyTemplateType): Promise<NotifyTemplate[]>;
  getTemplateById(templateId: string, version?: number): Promise<NotifyTemplate>;
  previewTemplate(templateId: string, personalisation?: Personalisation): Promise<TemplatePreview>;
  /** A file as a send-a-file personalisation value (local: the client checks the 2 MB limit and encodes it). */
  prepareUpload(
    file: Buffer,
    options?: { filename?: string; confirmEmailBeforeDownload?: boolean; retentionPeriod?: string },
  ): FileUpload;
};

export type CreateNotifyClientOptions = {
  apiKey: string;
  /** Notify's production API unless given, e.g. the simulator's url. */
  baseUrl?: string;
};

export function createNotifyClient({ apiKey, baseUrl }: CreateNotifyClientOptions): NotifyApiClient {
  if (baseUrl !== undefined && !/^https?:\/\//.test(baseUrl))
    throw new Error("Notify baseUrl must start with http:// or https://");
  // The client joins urlBase and path as they are, so a trailing slash would make "//v2/…".
  const client =
    baseUrl === undefined ? new NotifyClient(apiKey) : new NotifyClient(baseUrl.replace(/\/+$/, ""), apiKey);
  return {
    sendEmail: (templateId, emailAddress, { oneClickUnsubscribeUrl, ...options } = {}) =>
      call(sentEmailSchema, () =>
        client.sendEmail(templateId, emailAddress, { ...options, oneClickUnsubscribeURL: oneClickUnsubscribeUrl }),
      ),
    sendSms: (templateId, phoneNumber, options = {}) =>
      call(sentSmsSchema, () => client.sendSms(templateId, phoneNumber, options)),
    sendLetter: (templateId, options) => call(sentLetterSchema, () => client.sendLetter(templateId, options)),
    sendPrecompiledLetter: (reference, pdf, postage) =>
      call(sentPrecompiledLetterSchema, () => client.sendPrecompiledLetter(reference, pdf, postage)),
    getNotificationById: (notificationId) =>
      read(notifyNotificationSchema, () => client.getNotificationById(notificationId)),
    getNotifications: ({ templateType, status, reference, olderThan } = {}) =>
      read(notificationsPageSchema, () => client.getNotifications(templateType, status, reference, olderThan)),
    getTemplates: async (type) =>
      (await read(z.object({ templates: z.array(notifyTemplateSchema) }), () => client.getAllTemplates(type)))
        .templates,
    getTemplateById: (templateId, version) =>
      read(notifyTemplateSchema, () =>
        version === undefined
          ? client.getTemplateById(templateId)
          : client.getTemplateByIdAndVersion(templateId, version),
      ),
    previewTemplate: (templateId, personalisation) =>
      read(templatePreviewSchema, () => client.previewTemplateById(templateId, personalisation)),
    prepareUpload: (file, options) => {
      try {
        return client.prepareUpload(file, options) as FileUpload;
      } catch (thrown) {
        // The client throws a bare string ("File is larger than 2MB."): nothing Notify could accept.
        throw new NotifyError(null, [{ error: "BadRequestError", message: String(thrown) }], false);
      }
    },
  };
}
