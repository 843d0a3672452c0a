import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { deliveries } from "@/db/schema";
import { recordDeliveryStatus } from "./record-status";

const notifyTime = z.iso.datetime({ offset: true }).or(z.string().regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}/));

/** Notify's delivery receipt (notify.md): the fields we use; others are ignored. */
export const notifyCallbackBodySchema = z.object({
  id: z.string().min(1),
  reference: z.string().nullable().optional(),
  to: z.string().nullable().optional(),
  status: z.string().min(1),
  created_at: notifyTime.nullable().optional(),
  completed_at: notifyTime.nullable().optional(),
  sent_at: notifyTime.nullable().optional(),
  notification_type: z.enum(["email", "sms", "letter"]).optional(),
  template_id: z.string().optional(),
  template_version: z.number().optional(),
});
export type NotifyCallbackBody = z.infer<typeof notifyCallbackBodySchema>;

const toDate = (value: string | null | undefined) =>
  value ? new Date(value.replace(" ", "T").replace(/(\.\d{3})\d*/, "$1")) : null;

/**
 * Records a delivery receipt. Idempotent: the same receipt twice changes nothing the second time.
 * Found by Notify's id, or by our reference (the delivery id) when the worker has not stored it yet.
 * Returns false for a message that is not ours.
 */
export async function recordNotifyCallback(db: Database, body: NotifyCallbackBody): Promise<boolean> {
  let [delivery] = await db.select({ id: deliveries.id }).from(deliveries).where(eq(deliveries.notifyId, body.id));
  if (!delivery && body.reference && z.uuid().safeParse(body.reference).success) {
    [delivery] = await db.select({ id: deliveries.id }).from(deliveries).where(eq(deliveries.id, body.reference));
  }
  if (!delivery) return false;
  const completedAt = toDate(body.completed_at);
  await db.update(deliveries).set({ callbackReceivedAt: new Date() }).where(eq(deliveries.id, delivery.id));
  await recordDeliveryStatus(db, delivery.id, {
    status: body.status,
    source: "callback",
    notifyId: body.id,
    sentAt: toDate(body.sent_at),
    completedAt,
    at: completedAt ?? undefined,
  });
  return true;
}
