import { randomBytes, randomUUID } from "node:crypto";
import type { KeyType } from "./api-keys";
import type { ServiceSettings } from "./context";
import { badRequestError } from "./errors";
import { parseUuid } from "./ids";
import { fileUploadKeys, missingPersonalisation, type Personalisation } from "./personalisation";
import { isPlainObject } from "./python-values";
import { renderMarkdownBody, renderSmsBody } from "./rendering";
import { smsCharacterCount, smsCharacterLimit } from "./sms-text";
import type { TemplateCatalogue } from "./template-catalogue";
import { templatePlaceholders } from "./template-catalogue";
import type { SimulatorTemplate, TemplateType } from "./templates";

// The checks POST /v2/notifications/* makes after the request schema (notifications-api
// post_notifications.py and validators.py), each with Notify's BadRequestError message.

const channelWords = { email: "emails", sms: "text messages", letter: "letters" } as const;

export function checkServicePermission(service: ServiceSettings, type: TemplateType): void {
  if (!service.permissions.includes(type))
    throw badRequestError(`Service is not allowed to send ${channelWords[type]}`);
}

/** Letters cannot be sent with team keys, nor with live keys while the service is in trial mode. */
export function checkLetterSender(service: ServiceSettings, keyType: KeyType): void {
  if (keyType === "team") throw badRequestError("Cannot send letters with a team api key", 403);
  if (service.trialMode && keyType !== "test")
    throw badRequestError("Cannot send letters when service is in trial mode", 403);
}

/** `validate_template`: the template must exist, fit the channel, be live, and be fully personalised. */
export function usableTemplate(
  templates: TemplateCatalogue,
  templateId: string,
  type: TemplateType,
  personalisation: Personalisation,
): SimulatorTemplate {
  const template = templates.find(parseUuid(templateId) ?? "");
  if (!template) throw badRequestError("Template not found");
  if (template.type !== type)
    throw badRequestError(`${template.type} template is not suitable for ${type} notification`);
  if (template.archived) throw badRequestError("Template has been deleted");
  const missing = missingPersonalisation(templatePlaceholders(template), personalisation);
  if (missing.length > 0) throw badRequestError(`Missing personalisation: ${missing.join(", ")}`);
  const body =
    type === "sms" ? renderSmsBody(template.body, personalisation) : renderMarkdownBody(template.body, personalisation);
  if (body === "") throw badRequestError("Your message is empty.");
  if (type !== "email" && fileUploadKeys(personalisation).length > 0)
    throw badRequestError("Can only send a file by email");
  return template;
}

export function checkReplyToIds(
  service: ServiceSettings,
  body: { email_reply_to_id?: unknown; sms_sender_id?: unknown },
): string | null {
  const field =
    typeof body.email_reply_to_id === "string"
      ? "email_reply_to_id"
      : typeof body.sms_sender_id === "string"
        ? "sms_sender_id"
        : null;
  if (!field) return null;
  const id = parseUuid(body[field]) ?? "";
  const known = field === "email_reply_to_id" ? service.emailReplyToIds.includes(id) : id in service.smsSenderIds;
  if (!known)
    throw badRequestError(
      `${field} ${String(body[field])} does not exist in database for service id ${service.serviceId}`,
    );
  return field === "sms_sender_id" ? service.smsSenderIds[id]! : null;
}

export function checkMessageLength(type: "email" | "sms", body: string): void {
  if (type === "sms" && smsCharacterCount(body) > smsCharacterLimit) {
    throw badRequestError(
      `Your message is too long. Text messages cannot be longer than ${smsCharacterLimit} characters. Your message is ${smsCharacterCount(body)} characters long.`,
    );
  }
  const bytes = Buffer.byteLength(body, "utf8");
  if (type === "email" && bytes > 2_000_000) {
    throw badRequestError(
      `Your message is too long. Emails cannot be longer than 2000000 bytes. Your message is ${bytes} bytes.`,
    );
  }
}

/** Send-a-file values become download links, as document-download would return. */
export function replaceFileUploads(service: ServiceSettings, personalisation: Personalisation): Personalisation {
  const keys = new Set(fileUploadKeys(personalisation));
  if (keys.size === 0) return personalisation;
  return Object.fromEntries(
    Object.entries(personalisation).map(([key, value]) => [
      key,
      keys.has(key) && isPlainObject(value)
        ? `https://documents.service.gov.uk/d/${service.serviceId}/${randomUUID()}?key=${randomBytes(24).toString("base64url")}`
        : value,
    ]),
  );
}
