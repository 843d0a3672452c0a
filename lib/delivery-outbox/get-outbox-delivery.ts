import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { deliveries, deliveryStatusEvents, notifications, type DeliveryStatusEvent } from "@/db/schema";
import { addressPersonalisation } from "@/lib/documents/letters";
import { NotifyError, type Personalisation, type TemplatePreview } from "@/lib/notify/client";
import { notifyClientFor, UnknownNotifyServiceError } from "@/lib/notify/service-registry";
import { whyNotResendable } from "@/lib/delivery/resend-delivery";
import { isFailedDeliveryStatus } from "@/lib/delivery/statuses";
import { toOutboxItem, type OutboxItem } from "./list-outbox";

/** Another delivery of the same message, as the detail page links to it. */
export type LinkedDelivery = { id: string; status: string; createdAt: Date };

export type OutboxDelivery = OutboxItem & {
  documentId: string | null;
  history: Pick<DeliveryStatusEvent, "status" | "at" | "source" | "detail">[];
  preview: { ok: true; value: TemplatePreview } | { ok: false; message: string };
  /** The failed delivery this one resends, and the delivery that resent this one (each at most one). */
  resendOf: LinkedDelivery | null;
  resentAs: LinkedDelivery | null;
  /**
   * Whether an admin may resend it: `resendable`, or why not for a failed one (`refused`), or
   * `notFailed`. A delivery already resent is not offered again: its resend is linked instead.
   */
  resend: { kind: "resendable" } | { kind: "refused"; reason: string } | { kind: "notFailed" };
};

/**
 * One delivery with its status history and the message as Notify renders it (its own preview,
 * filled with the stored personalisation and, for letters, the address). Null when there is none.
 */
export async function getOutboxDelivery(db: Database, id: string): Promise<OutboxDelivery | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const [row] = await db
    .select({ delivery: deliveries, notification: notifications })
    .from(deliveries)
    .innerJoin(notifications, eq(notifications.id, deliveries.notificationId))
    .where(eq(deliveries.id, id));
  if (!row) return null;
  const { delivery, notification } = row;
  const history = await db
    .select({
      status: deliveryStatusEvents.status,
      at: deliveryStatusEvents.at,
      source: deliveryStatusEvents.source,
      detail: deliveryStatusEvents.detail,
    })
    .from(deliveryStatusEvents)
    .where(eq(deliveryStatusEvents.deliveryId, id))
    .orderBy(asc(deliveryStatusEvents.at), asc(deliveryStatusEvents.id));
  const personalisation = {
    ...(delivery.personalisation ?? notification.personalisation ?? {}),
    ...(delivery.channel === "letter" && notification.address
      ? addressPersonalisation(notification.address.lines)
      : {}),
  };
  const linked = { id: deliveries.id, status: deliveries.status, createdAt: deliveries.createdAt };
  const [resendOf] = delivery.resentFromDeliveryId
    ? await db.select(linked).from(deliveries).where(eq(deliveries.id, delivery.resentFromDeliveryId))
    : [];
  const [resentAs] = await db.select(linked).from(deliveries).where(eq(deliveries.resentFromDeliveryId, id));
  const refusal = whyNotResendable(delivery, notification);
  return {
    ...toOutboxItem(delivery, notification),
    documentId: delivery.documentId,
    history,
    resendOf: resendOf ?? null,
    resentAs: resentAs ?? null,
    resend: !isFailedDeliveryStatus(delivery.status)
      ? { kind: "notFailed" }
      : refusal
        ? { kind: "refused", reason: refusal }
        : { kind: "resendable" },
    preview: await previewMessage(delivery.serviceKey, delivery.templateId, personalisation),
  };
}

async function previewMessage(
  serviceKey: string,
  templateId: string,
  personalisation: Personalisation,
): Promise<OutboxDelivery["preview"]> {
  try {
    const client = await notifyClientFor(serviceKey);
    return { ok: true, value: await client.previewTemplate(templateId, personalisation) };
  } catch (error) {
    if (error instanceof NotifyError)
      return { ok: false, message: error.errors.map((entry) => entry.message).join("; ") };
    if (error instanceof UnknownNotifyServiceError) return { ok: false, message: error.message };
    throw error;
  }
}
