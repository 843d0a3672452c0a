import { desc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { apiClients, subscriptionMessages, subscriptions, type Subscription } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { authorize, mayAdministerSubscriptions } from "@/lib/auth/policies";
import type { SubscriptionAttemptResponse, SubscriptionMessageResponse } from "./messages-contract";
import { attemptsByMessage, toAttemptResponse, toMessageResponse } from "./read-messages";
import { isLive } from "./replay-messages";

// What /admin/subscriptions shows: every client's subscriptions, deleted ones too, with where each
// stands, and one subscription's recent messages and their attempts.

export type SubscriptionStanding =
  | { state: "enabled" }
  | { state: "disabled"; reason: string | null; since: Date }
  | { state: "expired" }
  | { state: "deleted"; since: Date };

export type AdminSubscription = {
  subscription: Subscription;
  clientName: string;
  standing: SubscriptionStanding;
};

export type AdminMessage = SubscriptionMessageResponse & { attempts: SubscriptionAttemptResponse[] };

/** How many recent messages the admin page shows for one subscription. */
export const recentMessageCount = 25;

export function standingOf(subscription: Subscription, now: Date): SubscriptionStanding {
  if (subscription.deletedAt) return { state: "deleted", since: subscription.deletedAt };
  if (subscription.disabledAt)
    return { state: "disabled", reason: subscription.disabledReason, since: subscription.disabledAt };
  return isLive(subscription, now) ? { state: "enabled" } : { state: "expired" };
}

const selectWithClient = (db: Database) =>
  db
    .select({ subscription: subscriptions, clientName: apiClients.name })
    .from(subscriptions)
    .innerJoin(apiClients, eq(apiClients.id, subscriptions.clientId));

/** Every subscription, newest first. Subscriptions number in tens or hundreds: one page holds them. */
export async function listAllSubscriptions(
  db: Database,
  caller: Caller,
  now = new Date(),
): Promise<AdminSubscription[]> {
  authorize(caller, mayAdministerSubscriptions);
  const rows = await selectWithClient(db).orderBy(desc(subscriptions.createdAt), desc(subscriptions.id)).limit(500);
  return rows.map((row) => ({ ...row, standing: standingOf(row.subscription, now) }));
}

/** One subscription for an administrator, or null when there is none with this id. */
export async function getAdminSubscription(
  db: Database,
  caller: Caller,
  id: string,
  now = new Date(),
): Promise<AdminSubscription | null> {
  authorize(caller, mayAdministerSubscriptions);
  const [row] = await selectWithClient(db).where(eq(subscriptions.id, id));
  return row ? { ...row, standing: standingOf(row.subscription, now) } : null;
}

/** A subscription's most recent messages, newest first, each with its attempts. */
export async function listRecentMessages(
  db: Database,
  caller: Caller,
  subscriptionId: string,
): Promise<AdminMessage[]> {
  authorize(caller, mayAdministerSubscriptions);
  const messages = await db
    .select()
    .from(subscriptionMessages)
    .where(eq(subscriptionMessages.subscriptionId, subscriptionId))
    .orderBy(desc(subscriptionMessages.createdAt), desc(subscriptionMessages.id))
    .limit(recentMessageCount);
  const attempts = await attemptsByMessage(
    db,
    messages.map((message) => message.id),
  );
  return messages.map((message) => ({
    ...toMessageResponse(message),
    attempts: (attempts.get(message.id) ?? []).map(toAttemptResponse),
  }));
}
