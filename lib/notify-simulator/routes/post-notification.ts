import type { KeyType } from "../api-keys";
import type { RouteHandler, SimulatorContext } from "../context";
import { parseJsonBody } from "../context";
import { letterAddressProblem } from "../letter-address";
import { renderMarkdownBody, renderSmsBody, renderSubject } from "../rendering";
import { emailFormatProblem, emailRecipient, phoneFormatProblem, smsRecipient } from "../recipient-rules";
import { recordLetter, recordNotification } from "../record-notification";
import {
  optionalString,
  personalisationRule,
  referenceRule,
  uuidRule,
  validateBody,
  type ObjectSchema,
} from "../schema";
import {
  checkMessageLength,
  checkReplyToIds,
  checkLetterSender,
  checkServicePermission,
  replaceFileUploads,
  usableTemplate,
} from "../send-checks";
import { sanitisePersonalisation } from "../sanitise-content";
import { smsFragmentCount } from "../sms-text";
import { letterTimeline, messageTimeline, simulatedOutcome } from "../status-progression";
import { isPlainObject } from "../python-values";
import { validationError } from "../errors";
import type { SimulatorTemplate } from "../templates";
import { postPrecompiledLetter } from "./post-precompiled-letter";

// POST /v2/notifications/{email,sms,letter} (notifications-api post_notifications.py), checks in
// Notify's order: schema, permission, template, reply-to, recipient, length; then 201.

// Property order matters: Notify lists schema errors in it.
const messageFields = {
  template_id: uuidRule,
  personalisation: personalisationRule,
  reference: referenceRule,
  scheduled_for: { types: ["string", "null"] },
} satisfies ObjectSchema["properties"];

const emailSchema: ObjectSchema = {
  properties: {
    email_address: { types: ["string"], format: emailFormatProblem },
    ...messageFields,
    email_reply_to_id: uuidRule,
    one_click_unsubscribe_url: {
      types: ["string"],
      format: (value) => (value.startsWith("https") ? null : "is not a valid https url"),
      validationMessage: "is not a valid https url",
    },
    sanitise_content_for: { types: ["array", "null"] },
  },
  required: ["email_address", "template_id"],
};

const smsSchema: ObjectSchema = {
  properties: {
    phone_number: { types: ["string"], format: phoneFormatProblem },
    ...messageFields,
    sms_sender_id: uuidRule,
  },
  required: ["phone_number", "template_id"],
};

const letterSchema: ObjectSchema = {
  properties: { template_id: uuidRule, personalisation: personalisationRule, reference: referenceRule },
  required: ["template_id", "personalisation"],
};

function templateReference(context: SimulatorContext, template: SimulatorTemplate) {
  const root = context.baseUrl();
  return {
    id: template.id,
    version: template.version,
    uri: `${root}/services/${context.service.serviceId}/templates/${template.id}`,
  };
}

function postMessage(context: SimulatorContext, type: "email" | "sms", rawBody: string, keyType: KeyType) {
  const body = validateBody(parseJsonBody(rawBody), type === "email" ? emailSchema : smsSchema);
  checkServicePermission(context.service, type);
  const given = isPlainObject(body.personalisation) ? body.personalisation : {};
  const sanitiseKeys = Array.isArray(body.sanitise_content_for)
    ? body.sanitise_content_for.filter((key) => typeof key === "string")
    : [];
  const { values, sanitisedContent } =
    type === "email" ? sanitisePersonalisation(given, sanitiseKeys) : { values: given, sanitisedContent: {} };
  const template = usableTemplate(context.templates, String(body.template_id), type, values);
  const smsSender = checkReplyToIds(context.service, body);
  const recipient =
    type === "email"
      ? emailRecipient(context.service, keyType, String(body.email_address))
      : smsRecipient(context.service, keyType, String(body.phone_number));
  const personalisation = type === "email" ? replaceFileUploads(context.service, values) : values;
  const messageBody =
    type === "email"
      ? renderMarkdownBody(template.body, personalisation)
      : renderSmsBody(template.body, personalisation);
  checkMessageLength(type, messageBody);

  const subject = type === "email" ? renderSubject(template.subject ?? "", personalisation) : null;
  const reference = optionalString(body.reference);
  const oneClickUnsubscribeUrl = optionalString(body.one_click_unsubscribe_url);
  const outcome = simulatedOutcome(type, recipient.normalised);
  const notification = recordNotification(
    context,
    {
      keyType,
      type,
      templateId: template.id,
      templateVersion: template.version,
      reference,
      to: recipient.to,
      personalisation,
      body: messageBody,
      subject,
      postage: null,
      oneClickUnsubscribeUrl,
      smsFragments: type === "sms" ? smsFragmentCount(messageBody) : 0,
      pdf: null,
    },
    (createdAt) => messageTimeline(createdAt, outcome, context.timing),
    { keep: !recipient.isSmokeTest },
  );
  const common = {
    id: notification.id,
    reference,
    uri: `${context.baseUrl()}/v2/notifications/${notification.id}`,
    template: templateReference(context, template),
    scheduled_for: null,
  };
  if (type === "sms")
    return { ...common, content: { from_number: smsSender ?? context.service.smsSender, body: messageBody } };
  return {
    ...common,
    content: {
      from_email: `${context.service.emailSenderLocalPart}@notifications.service.gov.uk`,
      body: messageBody,
      subject,
      one_click_unsubscribe_url: oneClickUnsubscribeUrl,
    },
    sanitised_content: sanitisedContent,
  };
}

function postLetter(context: SimulatorContext, json: unknown, keyType: KeyType) {
  const body = validateBody(json, letterSchema);
  checkServicePermission(context.service, "letter");
  const personalisation = isPlainObject(body.personalisation) ? body.personalisation : {};
  const template = usableTemplate(context.templates, String(body.template_id), "letter", personalisation);
  checkLetterSender(context.service, keyType);
  const addressProblem = letterAddressProblem(personalisation);
  if (addressProblem) throw validationError([addressProblem]);

  const reference = optionalString(body.reference);
  const messageBody = renderMarkdownBody(template.body, personalisation);
  const subject = renderSubject(template.subject ?? "", personalisation);
  const notification = recordLetter(
    context,
    {
      keyType,
      templateId: template.id,
      templateVersion: template.version,
      reference,
      personalisation,
      body: messageBody,
      subject,
      postage: template.postage ?? "second",
      pdf: null,
    },
    (createdAt) => letterTimeline(createdAt, context.timing),
  );
  return {
    id: notification.id,
    reference,
    uri: `${context.baseUrl()}/v2/notifications/${notification.id}`,
    template: templateReference(context, template),
    scheduled_for: null,
    content: { body: messageBody, subject },
  };
}

// POST /v2/notifications/{email|sms|letter} – send a message
export const postNotification: RouteHandler = (context, request) => {
  const type = request.params[0];
  if (type === "email" || type === "sms")
    return { status: 201, json: postMessage(context, type, request.rawBody, request.keyType) };
  const body = parseJsonBody(request.rawBody);
  if (isPlainObject(body) && "content" in body)
    return { status: 201, json: postPrecompiledLetter(context, body, request.keyType) };
  return { status: 201, json: postLetter(context, body, request.keyType) };
};
