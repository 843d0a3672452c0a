import type { Database } from "@/db/client";
import type { Caller } from "@/lib/auth/caller";
import type { CreateNotificationBody } from "@/lib/notifications/contract/create-notification-body";
import type { CreatedNotification } from "@/lib/notifications/create-notification";
import { createNotificationsInTransaction } from "@/lib/notifications/submit-notifications";

/**
 * A rule step's notifications, through the create pipeline's writing half in the step's own
 * transaction: directory checks, preferences, digests, live events and the per-recipient caps, as
 * for an API caller. The step's claim (claimRuleStep) is its idempotency key: it commits with these
 * notifications or not at all, so a step never creates twice. A cap refusal (429) throws and the
 * step's transaction rolls back, claim included, so the step is tried again on a later run; the
 * uses it counted stay counted until the hour turns, which errs on the side of fewer messages.
 */
export async function createRuleNotifications(
  tx: Database,
  caller: Caller,
  bodies: CreateNotificationBody[],
): Promise<CreatedNotification[]> {
  if (bodies.length === 0) return [];
  const { created } = await createNotificationsInTransaction(tx, caller, bodies);
  return created;
}
