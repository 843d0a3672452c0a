import { getSettings } from "@/lib/config/settings";
import { notifyTemplateIds } from "@/lib/notify-simulator/templates";

/**
 * The Notify template free-text texts go through: the council's (NOTIFY_FREE_TEXT_SMS_TEMPLATE_ID,
 * required with the real Notify), or the simulator's own `((message))` template.
 */
export function freeTextSmsTemplateId(): string {
  const { connection } = getSettings().notify;
  return connection.freeTextSmsTemplate ?? notifyTemplateIds.freeTextSms;
}
