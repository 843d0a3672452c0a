import type { Database } from "@/db/client";
import { deliveries, notifications } from "@/db/schema";
import { getSettings } from "@/lib/config/settings";
import { enqueueDeliverySends } from "@/lib/delivery/queue";
import { configuredServiceKeys } from "@/lib/notify/services";
import { notifyTemplateIds } from "@/lib/notify-simulator/templates";

// Subscriptions' emails (an event to the email channel's addresses, a notice to the contacts) go
// through the centre's ordinary Notify pipeline: one email notification with one delivery per
// address, queued in the caller's transaction. The pipeline already has what an email needs and
// this domain would otherwise copy: Notify's rate limit, retries that never send twice (the
// delivery id is Notify's reference), receipts and polling, the admin outbox, and retention.

/**
 * The Notify template: the council's (NOTIFY_SUBSCRIPTION_TEMPLATE_EMAIL, required with the real
 * Notify) or the simulator's. Either carries a subject and body the centre writes in full.
 */
export function subscriptionTemplateId(): string {
  const { connection } = getSettings().notify;
  return connection.subscriptionEmailTemplate ?? notifyTemplateIds.subscriptionEmail;
}

export type SubscriptionEmail = { subject: string; body: string };

/**
 * Stores one email per address and queues their sends in the caller's transaction. Returns the new
 * deliveries' ids (empty when no Notify service is configured). The notifications name no client
 * and no inbox, so they appear in no client's list and no one's inbox, only in the outbox.
 */
export async function queueSubscriptionEmails(
  tx: Database,
  addresses: readonly string[],
  email: SubscriptionEmail,
  now: Date,
): Promise<string[]> {
  const serviceKey = configuredServiceKeys()[0];
  if (!serviceKey || addresses.length === 0) return [];
  const templateId = subscriptionTemplateId();
  const personalisation = { subject: email.subject, body: email.body };
  const created = await tx
    .insert(notifications)
    .values(
      addresses.map((address) => ({
        notificationType: "Email" as const,
        message: email.subject,
        requireEmailNotification: true,
        serviceKey,
        templateId,
        email: address,
        personalisation,
        createdAt: now,
      })),
    )
    .returning({ id: notifications.id });
  const queued = await tx
    .insert(deliveries)
    .values(
      created.map((notification) => ({
        notificationId: notification.id,
        channel: "email" as const,
        status: "pending",
        serviceKey,
        templateId,
        createdAt: now,
      })),
    )
    .returning({ id: deliveries.id });
  await enqueueDeliverySends(
    tx,
    queued.map((delivery) => ({ id: delivery.id })),
  );
  return queued.map((delivery) => delivery.id);
}
