import type { FieldError } from "@/lib/api/errors";
import { actionUrlField } from "@/lib/delivery/action-link";
import type { NotifyTemplate, NotifyTemplateType } from "@/lib/notify/client";
import { findTemplate, normaliseFieldName, templateFieldNames } from "@/lib/notify/templates";
import { rethrowAsNotifyUnavailable } from "@/lib/notify/unavailable";
import type { CreateNotificationBody } from "./contract/create-notification-body";
import { storedFollowOnUrl } from "./follow-on-link";

type Channel = CreateNotificationBody["channels"][number];

const templateTypeOf: Record<Channel, NotifyTemplateType> = { email: "email", sms: "sms", letter: "letter" };
const templateFieldOf = { email: "emailTemplateId", sms: "smsTemplateId", letter: "letterTemplateId" } as const;

// A letter's address fills these placeholders (address_line_1…7, postcode), not personalisation.
const addressFields = new Set([...[1, 2, 3, 4, 5, 6, 7].map((line) => `addressline${line}`), "postcode"]);

export type TemplateCheckInput = Pick<
  CreateNotificationBody,
  "channels" | "serviceKey" | "templateId" | "personalisationParams"
> &
  Partial<Pick<CreateNotificationBody, "attachment">> &
  Partial<Pick<CreateNotificationBody, "emailTemplateId" | "smsTemplateId" | "letterTemplateId">> &
  Partial<Pick<CreateNotificationBody, "actionUrl" | "category" | "targetType" | "targetId">>;

/** The fields a template needs that `personalisation` lacks (`null` counts as missing, `""` does not, as in Notify). */
export function missingFields(
  template: NotifyTemplate,
  personalisation: Record<string, unknown> | undefined,
): string[] {
  const given = new Set(
    Object.entries(personalisation ?? {})
      .filter(([, value]) => value !== null && value !== undefined)
      .map(([key]) => normaliseFieldName(key)),
  );
  return templateFieldNames(template).filter((name) => {
    const key = normaliseFieldName(name);
    return !given.has(key) && !(template.type === "letter" && addressFields.has(key));
  });
}

/**
 * Checks each channel's template with Notify before anything is stored: it exists in the named
 * service, is of the channel's type, and every field it asks for is in `personalisationParams`.
 * Returns the failing fields (empty when all is well); Notify being unreachable is a 503.
 */
export async function templateProblems(body: TemplateCheckInput): Promise<FieldError[]> {
  if (!body.serviceKey || body.channels.length === 0) return [];
  const problems: FieldError[] = [];
  const missing = new Set<string>();
  for (const channel of body.channels) {
    const specific = body[templateFieldOf[channel]];
    const path = specific ? templateFieldOf[channel] : "templateId";
    const templateId = specific ?? body.templateId;
    if (!templateId) continue;
    const template = await findTemplateOrUnavailable(body.serviceKey, templateId);
    if (!template) {
      problems.push({ path, message: `The ${body.serviceKey} GOV.UK Notify service has no template with this id` });
    } else if (template.type !== templateTypeOf[channel]) {
      problems.push({
        path,
        message: `This is a ${template.type} template; the ${channel} needs a ${templateTypeOf[channel]} template`,
      });
    } else {
      // An email's file fills its own field with the download link; the follow-on link fills
      // action_url in an email or text (a letter's PDF is made from personalisationParams alone).
      const given = {
        ...(channel !== "letter" && storedFollowOnUrl(body) !== null ? { [actionUrlField]: "link" } : {}),
        ...body.personalisationParams,
        ...(channel === "email" && body.attachment ? { [body.attachment.personalisationField]: "file" } : {}),
      };
      for (const name of missingFields(template, given)) missing.add(name);
    }
  }
  for (const name of missing)
    problems.push({ path: `personalisationParams.${name}`, message: `The template needs ((${name}))` });
  return problems;
}

async function findTemplateOrUnavailable(serviceKey: string, templateId: string): Promise<NotifyTemplate | null> {
  try {
    return await findTemplate(serviceKey, templateId);
  } catch (error) {
    rethrowAsNotifyUnavailable(error, "Could not check the template with GOV.UK Notify");
  }
}
