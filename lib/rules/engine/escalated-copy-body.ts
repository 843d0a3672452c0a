import type { Notification } from "@/db/schema";
import { createNotificationBodySchema } from "@/lib/notifications/contract/create-notification-body";

/**
 * The managers' copy of an escalated item, validated as an API body would be. The original's
 * record and link carry over when they pass today's rules; an older item's odd target type is
 * dropped rather than stopping the escalation.
 */
export function escalatedCopyBody(item: Notification, recipient: unknown, waited: string) {
  const message = `Escalated, not acted on for ${waited}: ${item.message ?? "an item needing action"}`.slice(0, 2000);
  const base = {
    notificationType: "Screen",
    message,
    recipient,
    requireAction: true,
    category: item.category ?? undefined,
  };
  const full = createNotificationBodySchema.safeParse({
    ...base,
    targetType: item.targetType ?? undefined,
    targetId: item.targetId ?? undefined,
    actionUrl: item.actionUrl ?? undefined,
  });
  return full.success ? full.data : createNotificationBodySchema.parse(base);
}
