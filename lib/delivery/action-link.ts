import type { Delivery, Notification } from "@/db/schema";
import { getSettings } from "@/lib/config/settings";
import type { Personalisation } from "@/lib/notify/client";
import { findTemplate, normaliseFieldName, templateFieldNames } from "@/lib/notify/templates";
import { followOnLinkFor, type LinkReader } from "@/lib/notifications/follow-on-link";

/**
 * The template field a notification's follow-on link (actionUrl) fills in an email or text, as the
 * preference and digest templates already name it: `((action_url))`. Notify refuses a send that
 * lacks a field its template asks for and ignores fields it does not, so the link is added only
 * for a template that asks for it, and never over an action_url the caller put in personalisationParams.
 */
export const actionUrlField = "action_url";

/** A path on this site as a link a mail or phone app can open. */
export function absoluteLink(link: string): string {
  return link.startsWith("/") ? `${getSettings().server.publicUrl}${link}` : link;
}

/** `{ action_url }` for this delivery's template and reader, or nothing. */
export async function actionLinkPersonalisation(
  delivery: Pick<Delivery, "serviceKey" | "templateId">,
  notification: Pick<Notification, "id" | "category" | "targetType" | "targetId" | "actionUrl">,
  reader: LinkReader,
  given: Personalisation,
): Promise<Personalisation> {
  const link = followOnLinkFor(notification, reader);
  const wanted = normaliseFieldName(actionUrlField);
  if (!link || Object.keys(given).some((key) => normaliseFieldName(key) === wanted)) return {};
  const template = await findTemplate(delivery.serviceKey, delivery.templateId);
  if (!template || !templateFieldNames(template).some((name) => normaliseFieldName(name) === wanted)) return {};
  return { [actionUrlField]: absoluteLink(link) };
}
