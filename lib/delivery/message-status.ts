import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { deliveries } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import type { Caller } from "@/lib/auth/caller";
import { findVisibleNotification } from "@/lib/notifications/visibility";
import { NotifyError, type NotifyNotification } from "@/lib/notify/client";
import { notifyClientFor } from "@/lib/notify/service-registry";
import { rethrowAsNotifyUnavailable } from "@/lib/notify/unavailable";

export const messageStatusParamsSchema = z.object({ serviceKey: z.string().min(1), notifyId: z.string().min(1) });

/** The seed's message-status shape: Notify's notification in camelCase. */
export const messageStatusSchema = z
  .object({
    id: z.string(),
    reference: z.string().nullable(),
    emailAddress: z.string().nullable(),
    phoneNumber: z.string().nullable(),
    line1: z.string().nullable(),
    line2: z.string().nullable(),
    line3: z.string().nullable(),
    line4: z.string().nullable(),
    line5: z.string().nullable(),
    line6: z.string().nullable(),
    postcode: z.string().nullable(),
    postage: z.string().nullable(),
    type: z.enum(["email", "sms", "letter"]),
    status: z.string(),
    template: z.object({ id: z.string(), version: z.number(), uri: z.string() }),
    body: z.string(),
    subject: z.string().nullable(),
    createdAt: z.string(),
    createdByName: z.string().nullable(),
    sentAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    scheduledFor: z.string().nullable(),
    estimatedDelivery: z.string().nullable(),
    costInPounds: z.number().nullable(),
    isCostDataReady: z.boolean(),
  })
  .meta({ id: "MessageStatus" });
export type MessageStatus = z.infer<typeof messageStatusSchema>;

function toMessageStatus(message: NotifyNotification): MessageStatus {
  return {
    id: message.id,
    reference: message.reference,
    emailAddress: message.email_address,
    phoneNumber: message.phone_number,
    line1: message.line_1,
    line2: message.line_2,
    line3: message.line_3,
    line4: message.line_4,
    line5: message.line_5,
    line6: message.line_6,
    postcode: message.postcode,
    postage: message.postage,
    type: message.type,
    status: message.status,
    template: message.template,
    body: message.body,
    subject: message.subject,
    createdAt: message.created_at,
    createdByName: message.created_by_name,
    sentAt: message.sent_at,
    completedAt: message.completed_at,
    scheduledFor: message.scheduled_for,
    estimatedDelivery: message.estimated_delivery ?? null,
    costInPounds: message.cost_in_pounds,
    isCostDataReady: message.is_cost_data_ready,
  };
}

/**
 * Notify's current view of one of our messages. Only for a message of a notification the caller
 * may see; anything else, and a message Notify no longer holds (7-day retention), is not_found.
 */
export async function getMessageStatusOrThrow(
  db: Database,
  caller: Caller,
  serviceKey: string,
  notifyId: string,
): Promise<MessageStatus> {
  const notFound = () => new ApiError("not_found", "No message with this id is visible to you");
  const [delivery] = await db
    .select({ notificationId: deliveries.notificationId })
    .from(deliveries)
    .where(and(eq(deliveries.notifyId, notifyId), eq(deliveries.serviceKey, serviceKey)));
  if (!delivery || !(await findVisibleNotification(db, caller, delivery.notificationId))) throw notFound();
  try {
    return toMessageStatus(await (await notifyClientFor(serviceKey)).getNotificationById(notifyId));
  } catch (error) {
    if (error instanceof NotifyError && (error.status === 404 || error.status === 400)) throw notFound();
    rethrowAsNotifyUnavailable(error, "GOV.UK Notify did not say how the message is getting on");
  }
}
