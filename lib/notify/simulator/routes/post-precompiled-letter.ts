import type { KeyType } from "../api-keys";
import type { SimulatorContext } from "../context";
import { badRequestError } from "../errors";
import { uuidV5 } from "../ids";
import { looksLikePdf } from "../letter-pdf";
import { recordNotification } from "../record-notification";
import { optionalString, validateBody, type ObjectSchema } from "../schema";
import { checkLetterSender, checkServicePermission } from "../send-checks";
import { precompiledLetterTimeline } from "../status-progression";
import type { Postage, SimulatorTemplate } from "../templates";

// POST /v2/notifications/letter with `content` (notifications-api post_precompiled_letter_notification).
// The PDF itself is checked later, as Notify does: content that is not a PDF ends in
// `validation-failed` once the simulated virus check has run.

const postages = ["first", "second", "economy"] as const;

const precompiledLetterSchema: ObjectSchema = {
  properties: {
    reference: { types: ["string"] },
    content: { types: ["string"] },
    postage: { types: ["string"], enum: postages, validationMessage: "invalid. It must be either first, second or economy." },
  },
  required: ["reference", "content"],
};

/** Each service's hidden "Pre-compiled PDF" template, which precompiled letters are recorded against. */
export function precompiledLetterTemplate(serviceId: string): SimulatorTemplate {
  return {
    id: uuidV5("precompiled-letter", serviceId),
    version: 1,
    type: "letter",
    name: "Pre-compiled PDF",
    subject: "Pre-compiled PDF",
    body: "",
    postage: "second",
    letterContactBlock: null,
    createdAt: "2026-01-05T09:00:00.000000Z",
    updatedAt: null,
    createdBy: "notify-simulator@housing.example.gov.uk",
    hidden: true,
  };
}

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
  const reference = optionalString(body.reference);
  const notification = recordNotification(
    context,
    {
      keyType,
      type: "letter",
      templateId: precompiledLetterTemplate(context.service.serviceId).id,
      templateVersion: 1,
      reference,
      to: null,
      personalisation: {},
      body: "",
      subject: "Pre-compiled PDF",
      postage,
      oneClickUnsubscribeUrl: null,
      smsFragments: 0,
      pdf,
    },
    (createdAt) => precompiledLetterTimeline(createdAt, looksLikePdf(pdf), context.timing),
    { keep: true },
  );
  return { id: notification.id, reference, postage };
}
