import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { getDocument } from "@/lib/documents/get-document";
import { createLetterDocument } from "@/lib/documents/letters";
import { deliveries, deliveryStatusEvents, notifications, type Delivery, type Notification } from "@/db/schema";
import { NotifyError, type NotifyApiClient, type Personalisation } from "@/lib/notify/client";
import { notifyClientFor } from "@/lib/notify/service-registry";
import { actionLinkPersonalisation } from "./action-link";
import { announceDeliveryStatusChanges } from "./announce-status-changes";
import { recordDeliveryStatus } from "./record-status";
import { resolveRecipient, type Recipient } from "./resolve-recipient";
import type { SendRateLimiter } from "./rate-limiter";
import { isFinalDeliveryStatus } from "./statuses";

export type SendOutcome = "sent" | "adopted" | "rejected" | "failed" | "skipped";

export type SendDeliveryOptions = {
  limiter: SendRateLimiter;
  /** The queue's last try: a retryable failure now marks the delivery `failed` with its error. */
  finalAttempt?: boolean;
};

/**
 * Sends one delivery through GOV.UK Notify with the delivery id as Notify's `reference`. Safe to run
 * again for the same delivery: a delivery Notify already holds is skipped, and every try after the
 * first asks Notify for the reference before sending, adopting the message an earlier try left
 * there (a timeout, a killed worker), so nothing is ever sent twice. Retryable failures (5xx, 429,
 * network) throw for the queue to retry; Notify's other 4xx reject the delivery with its message.
 * A delivery stays `sending` from its first try until Notify answers for it: a failed try may still
 * have reached Notify, so from then on it can no longer be cancelled.
 */
export async function sendDelivery(
  db: Database,
  deliveryId: string,
  { limiter, finalAttempt = false }: SendDeliveryOptions,
): Promise<SendOutcome> {
  const claimed = await claimForSending(db, deliveryId);
  if (!claimed) return "skipped";
  const { delivery, notification } = claimed;
  const client = await notifyClientFor(delivery.serviceKey);
  try {
    if (delivery.attempts > 1 && (await adoptEarlierMessage(db, client, delivery))) return "adopted";

    const recipient = await resolveRecipient(db, delivery, notification);
    if (!recipient)
      return reject(
        db,
        delivery,
        `No ${delivery.channel === "letter" ? "postal address" : delivery.channel === "sms" ? "mobile number" : "email address"} to send to`,
      );

    const pdf =
      recipient.channel === "letter" ? await letterPdf(db, delivery, notification, recipient.addressLines) : null;
    await limiter.acquire(delivery.serviceKey);
    const attachment = recipient.channel === "email" ? await emailAttachment(db, client, delivery) : {};
    const notifyId = pdf
      ? (await client.sendPrecompiledLetter(delivery.id, pdf)).id
      : await send(client, delivery, notification, recipient, attachment);
    await recordDeliveryStatus(db, delivery.id, {
      // Notify checks a precompiled letter for viruses before accepting it.
      status: pdf ? "pending-virus-check" : "created",
      source: "worker",
      notifyId,
      error: null,
      detail: `attempt ${delivery.attempts}`,
    });
    return "sent";
  } catch (thrown) {
    if (thrown instanceof NotifyError && !thrown.retryable) return reject(db, delivery, notifyMessage(thrown));
    const message =
      thrown instanceof NotifyError ? notifyMessage(thrown) : thrown instanceof Error ? thrown.message : String(thrown);
    if (finalAttempt) return giveUp(db, client, delivery, message);
    await db
      .update(deliveries)
      .set({ error: `Attempt ${delivery.attempts} failed, will retry: ${message}` })
      .where(eq(deliveries.id, delivery.id));
    throw thrown;
  }
}

/**
 * Takes the delivery for this try, or null when it must not be sent (cancelled, already at Notify,
 * finished). The row is locked (FOR UPDATE) while it is checked and marked `sending`, in one
 * transaction, and cancelDeliveries takes the same lock: a cancel either commits first, and this
 * sees `cancelled`, or waits and then finds `sending`, which it reports as not cancellable. So a
 * cancelled message is never handed to Notify. The try is counted in the same commit, so a try
 * that dies mid-call is known to the next one (which then asks Notify by reference first).
 */
async function claimForSending(
  db: Database,
  deliveryId: string,
): Promise<{ delivery: Delivery; notification: Notification } | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ delivery: deliveries, notification: notifications })
      .from(deliveries)
      .innerJoin(notifications, eq(notifications.id, deliveries.notificationId))
      .where(eq(deliveries.id, deliveryId))
      .for("update", { of: deliveries });
    if (!row || row.delivery.notifyId || isFinalDeliveryStatus(row.delivery.status)) return null;
    const [delivery] = await tx
      .update(deliveries)
      .set({ status: "sending", attempts: sql`${deliveries.attempts} + 1`, lastAttemptAt: new Date() })
      .where(eq(deliveries.id, deliveryId))
      .returning();
    if (row.delivery.status !== "sending") {
      const [event] = await tx
        .insert(deliveryStatusEvents)
        .values({ deliveryId, status: "sending", source: "worker", detail: "handing it to GOV.UK Notify" })
        .returning({ id: deliveryStatusEvents.id, at: deliveryStatusEvents.at });
      await announceDeliveryStatusChanges(tx, [
        { statusEventId: event!.id, deliveryId, status: "sending", at: event!.at },
      ]);
    }
    return { delivery: delivery!, notification: row.notification };
  });
}

function notifyMessage(error: NotifyError): string {
  return error.errors.map((entry) => entry.message).join("; ") || error.message;
}

async function reject(db: Database, delivery: Delivery, message: string): Promise<SendOutcome> {
  await recordDeliveryStatus(db, delivery.id, {
    status: "rejected",
    source: "worker",
    error: message,
    detail: message,
  });
  return "rejected";
}

/**
 * The last try failed too. Its request may still have reached Notify (a timeout after Notify took
 * it), so ask once more by reference; otherwise the delivery has failed, visibly, instead of
 * staying `pending` for ever.
 */
async function giveUp(
  db: Database,
  client: NotifyApiClient,
  delivery: Delivery,
  message: string,
): Promise<SendOutcome> {
  if (await adoptEarlierMessage(db, client, delivery).catch(() => false)) return "adopted";
  const error = `Gave up after ${delivery.attempts} attempts: ${message}`;
  await recordDeliveryStatus(db, delivery.id, { status: "failed", source: "worker", error, detail: error });
  return "failed";
}

/** On a retry: the message an earlier try got to Notify, if any, becomes this delivery's. */
async function adoptEarlierMessage(db: Database, client: NotifyApiClient, delivery: Delivery): Promise<boolean> {
  const { notifications: existing } = await client.getNotifications({ reference: delivery.id });
  const message = existing.find((candidate) => candidate.reference === delivery.id);
  if (!message) return false;
  await recordDeliveryStatus(db, delivery.id, {
    status: message.status,
    source: "worker",
    notifyId: message.id,
    at: new Date(message.created_at),
    sentAt: message.sent_at ? new Date(message.sent_at) : null,
    completedAt: message.completed_at ? new Date(message.completed_at) : null,
    error: null,
    detail: "adopted the message an earlier attempt sent",
  });
  return true;
}

/**
 * The letter's PDF: built from its template and address once, kept in the documents store with its
 * uid on the delivery (committed before sending), and reused as it is by any retry.
 */
async function letterPdf(
  db: Database,
  delivery: Delivery,
  notification: Notification,
  addressLines: string[],
): Promise<Buffer> {
  if (delivery.documentId) {
    const stored = await getDocument(db, delivery.documentId);
    if (stored) return stored.content;
  }
  // Building it asks Notify for the template and a preview; Notify rate-limits only the POSTs that
  // send (notify.md 2.13), so only the send below takes a slot of the limiter.
  const { documentId, pdf } = await createLetterDocument(db, {
    notificationId: notification.id,
    serviceKey: delivery.serviceKey,
    templateId: delivery.templateId,
    addressLines,
    personalisation: notification.personalisation ?? {},
  });
  await db.update(deliveries).set({ documentId }).where(eq(deliveries.id, delivery.id));
  return pdf;
}

/** An email's attached file as Notify's send-a-file personalisation value, under the field the caller named. */
async function emailAttachment(db: Database, client: NotifyApiClient, delivery: Delivery): Promise<Personalisation> {
  if (!delivery.documentId) return {};
  const document = await getDocument(db, delivery.documentId);
  if (!document?.emailFileOptions) return {};
  const { personalisationField, confirmEmailBeforeDownload, retentionPeriod } = document.emailFileOptions;
  return {
    [personalisationField]: client.prepareUpload(document.content, {
      filename: document.filename,
      confirmEmailBeforeDownload,
      retentionPeriod,
    }),
  };
}

/** Emails and texts (letters go as precompiled PDFs, see letterPdf). */
async function send(
  client: NotifyApiClient,
  delivery: Delivery,
  notification: Notification,
  recipient: Recipient,
  extra: Personalisation = {},
): Promise<string> {
  const given: Personalisation = { ...(delivery.personalisation ?? notification.personalisation ?? {}), ...extra };
  const link = await actionLinkPersonalisation(delivery, notification, recipient.reader ?? "staff", given);
  const personalisation: Personalisation = { ...given, ...link };
  const reference = delivery.id;
  switch (recipient.channel) {
    case "email":
      return (await client.sendEmail(delivery.templateId, recipient.emailAddress, { personalisation, reference })).id;
    case "sms":
      return (await client.sendSms(delivery.templateId, recipient.phoneNumber, { personalisation, reference })).id;
    case "letter":
      throw new Error("Letters are sent as precompiled PDFs");
  }
}
