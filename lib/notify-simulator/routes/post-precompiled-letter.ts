import type { KeyType } from "../api-keys";
import type { SimulatorContext } from "../context";
import { badRequestError } from "../errors";
import { looksLikePdf } from "../letter-pdf";
import { recordLetter } from "../record-notification";
import { optionalString, validateBody, type ObjectSchema } from "../schema";
import { checkLetterSender, checkServicePermission } from "../send-checks";
import { precompiledLetterTimeline } from "../status-progression";
import { precompiledLetterTemplate, type Postage } from "../templates";

// POST /v2/notifications/letter with `content` (notifications-api post_precompiled_letter_notification).
// The PDF itself is checked later, as Notify does: content that is not a PDF ends in
// `validation-failed` once the simulated virus check has run.

const postages = ["first", "second", "economy"] as const;

const precompiledLetterSchema: ObjectSchema = {
  properties: {
    reference: { types: ["string"] },
    content: { types: ["string"] },
    postage: {
      types: ["string"],
      enum: postages,
      validationMessage: "invalid. It must be either first, second or economy.",
    },
  },
  required: ["reference", "content"],
};

/** Python's lenient `base64.b64decode`: characters outside the alphabet are dropped, padding must be right. */
function decodeBase64(content: string): Buffer | null {
  const cleaned = content.replace(/[^A-Za-z0-9+/=]/g, "");
  if (cleaned.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(cleaned)) return null;
  return Buffer.from(cleaned, "base64");
}

function isPostage(value: unknown): value is Postage {
  return postages.some((postage) => postage === value);
}

export function postPrecompiledLetter(context: SimulatorContext, json: unknown, keyType: KeyType) {
  const body = validateBody(json, precompiledLetterSchema);
  checkServicePermission(context.service, "letter");
  checkLetterSender(context.service, keyType);
  const pdf = decodeBase64(String(body.content));
  if (!pdf) throw badRequestError("Cannot decode letter content (invalid base64 encoding)");

  const postage = isPostage(body.postage) ? body.postage : "second";
  const template = precompiledLetterTemplate(context.service.serviceId);
  const reference = optionalString(body.reference);
  const notification = recordLetter(
    context,
    {
      keyType,
      templateId: template.id,
      templateVersion: template.version,
      reference,
      personalisation: {},
      body: "",
      subject: template.subject ?? "",
      postage,
      pdf,
    },
    (createdAt) => precompiledLetterTimeline(createdAt, looksLikePdf(pdf), context.timing),
  );
  return { id: notification.id, reference, postage };
}
