import type { Database } from "@/db/client";
import type { FieldError } from "@/lib/api/errors";
import type { StoredResponse } from "@/lib/api/idempotency";
import { parseWith } from "@/lib/api/request";
import type { Caller } from "@/lib/auth/caller";
import type { CreatedNotification } from "@/lib/notifications/create-notification";
import { submitNotifications } from "@/lib/notifications/submit-notifications";
import { configuredServiceKeys } from "@/lib/notify/services";
import { createSmsBodySchema, type CreateSmsBody, type SmsResponse } from "./contract";
import { freeTextSmsTemplateId } from "./free-text-template";

/**
 * POST /api/v1/sms: a text is a Text notification to the person, through the free-text template
 * with its one field `message`, created by the one create pipeline, so the directory check,
 * per-recipient caps, Idempotency-Key, delivery and statuses are the notifications API's own.
 * Only the field names differ; problems are named by this API's fields.
 */
export function submitSms(
  db: Database,
  caller: Caller,
  body: unknown,
  idempotencyKey: string | null,
): Promise<StoredResponse & { replayed: boolean }> {
  const sms = parseWith(createSmsBodySchema, body);
  const recipientField = sms.personId ? "personId" : "userId";
  return submitNotifications(db, caller, {
    inputs: [{ body: toNotificationBody(sms) }],
    idempotencyKey,
    idempotentRequest: () => ({ sms }),
    locate: (_index, error) => locateInSms(error, recipientField),
    freeTextSms: true,
    respond: ([created]) => ({ status: 201, body: smsFromCreated(created!) }),
  });
}

function toNotificationBody(sms: CreateSmsBody) {
  return {
    notificationType: "Text",
    message: sms.message,
    recipient: sms.personId ? { personId: sms.personId } : { userId: sms.userId },
    serviceKey: configuredServiceKeys()[0],
    templateId: freeTextSmsTemplateId(),
    personalisationParams: { message: sms.message },
    sendAt: sms.sendAt,
  };
}

/** A notification field as the SMS API calls it: `recipient.personId` is `personId`, the template's field `message`. */
function locateInSms(error: FieldError, recipientField: "personId" | "userId"): FieldError {
  if (error.path === "recipient" || error.path.startsWith("recipient.")) return { ...error, path: recipientField };
  if (error.path === "personalisationParams.message") return { ...error, path: "message" };
  return error;
}

function smsFromCreated({ notification, person }: CreatedNotification): SmsResponse {
  const delivery = notification.deliveries.find((candidate) => candidate.channel === "sms");
  return {
    id: notification.id,
    status: delivery?.status ?? "pending",
    personId: person?.personId ?? null,
    userId: person?.userId ?? null,
    message: notification.message ?? "",
    sendAt: notification.sendAt,
    createdAt: notification.createdDate,
    sentAt: delivery?.sentAt ?? null,
    completedAt: delivery?.completedAt ?? null,
    error: delivery?.error ?? null,
  };
}
