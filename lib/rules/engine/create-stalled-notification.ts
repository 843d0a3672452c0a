import type { Database } from "@/db/client";
import type { Caller } from "@/lib/auth/caller";
import { createNotificationBodySchema } from "@/lib/notifications/contract/create-notification-body";
import { createNotification } from "@/lib/notifications/create-notification";
import { formatDateTime } from "@/lib/format/dates";
import type { StalledRule } from "../definitions";

export type StalledRecord = { targetType: string; targetId: string; lastActivityAt: Date };

/**
 * The stalled notice, made through the create pipeline's createNotification inside the sweep's
 * transaction (submitNotifications opens its own, and the step's claim must commit with the
 * notice). It goes to the rule's audience, a team or a role, in the inbox; the category links it to
 * the record's timeline.
 */
export async function createStalledNotification(
  tx: Database,
  caller: Caller,
  rule: { name: string; definition: StalledRule },
  record: StalledRecord,
  quiet: string,
) {
  const body = createNotificationBodySchema.parse({
    notificationType: "Screen",
    category: rule.definition.category,
    recipient: rule.definition.audience,
    targetType: record.targetType,
    targetId: record.targetId,
    message: `No activity on ${record.targetType} ${record.targetId} for ${quiet}, since ${formatDateTime(record.lastActivityAt)} (rule "${rule.name}").`,
  });
  return createNotification(tx, caller, body);
}
