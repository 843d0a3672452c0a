import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  subscriptionAttempts,
  subscriptionMessages,
  subscriptions,
  type Subscription,
  type SubscriptionAttempt,
  type SubscriptionMessage,
} from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { afterPosition, positionAt, readPaginationToken, toPage, type Page } from "@/lib/api/pagination";
import type { Caller } from "@/lib/auth/caller";
import { authorize, mayManageSubscriptions, mayReadSubscription } from "@/lib/auth/policies";
import type {
  ListSubscriptionMessagesQuery,
  SubscriptionAttemptResponse,
  SubscriptionMessageResponse,
  SubscriptionMessageWithAttemptsResponse,
} from "./messages-contract";

// A client's messages (one event for one of its subscriptions on one channel) and their attempts.
// A deleted subscription's messages stay the client's: they say what was delivered to it.

export function toMessageResponse(row: SubscriptionMessage): SubscriptionMessageResponse {
  return {
    id: row.id,
    subscriptionId: row.subscriptionId,
    channel: row.channel,
    eventType: row.eventType,
    eventId: row.eventId,
    status: row.status,
    attemptCount: row.attemptCount,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    lastStatusCode: row.lastStatusCode,
    replayOf: row.replayOf,
    payload: row.payload,
  };
}

export function toAttemptResponse(row: SubscriptionAttempt): SubscriptionAttemptResponse {
  return {
    id: row.id,
    attemptedAt: row.attemptedAt.toISOString(),
    trigger: row.trigger,
    statusCode: row.statusCode,
    durationMs: row.durationMs,
    responseExcerpt: row.responseExcerpt,
    error: row.error,
  };
}

/** The attempts of these messages, oldest first, grouped by message id. */
export async function attemptsByMessage(
  db: Database,
  messageIds: string[],
): Promise<Map<string, SubscriptionAttempt[]>> {
  const grouped = new Map<string, SubscriptionAttempt[]>(messageIds.map((id) => [id, []]));
  if (messageIds.length === 0) return grouped;
  const rows = await db
    .select()
    .from(subscriptionAttempts)
    .where(inArray(subscriptionAttempts.messageId, messageIds))
    .orderBy(asc(subscriptionAttempts.attemptedAt), asc(subscriptionAttempts.id));
  for (const row of rows) grouped.get(row.messageId)?.push(row);
  return grouped;
}

/** The caller's messages, newest first, by subscription and status, keyset-paged. */
export async function listSubscriptionMessages(
  db: Database,
  caller: Caller,
  query: ListSubscriptionMessagesQuery,
): Promise<Page<SubscriptionMessageResponse>> {
  authorize(caller, mayManageSubscriptions);
  const after = readPaginationToken(query.paginationToken);
  const rows = await db
    .select({ message: subscriptionMessages, at: positionAt(subscriptionMessages.createdAt) })
    .from(subscriptionMessages)
    .innerJoin(subscriptions, eq(subscriptions.id, subscriptionMessages.subscriptionId))
    .where(
      and(
        eq(subscriptions.clientId, caller.id),
        query.subscriptionId ? eq(subscriptionMessages.subscriptionId, query.subscriptionId) : undefined,
        query.status ? eq(subscriptionMessages.status, query.status) : undefined,
        afterPosition({ at: subscriptionMessages.createdAt, id: subscriptionMessages.id }, after),
      ),
    )
    .orderBy(desc(subscriptionMessages.createdAt), desc(subscriptionMessages.id))
    .limit(query.pageSize + 1);
  return toPage(
    rows,
    query.pageSize,
    (row) => ({ at: row.at, id: row.message.id }),
    (row) => toMessageResponse(row.message),
  );
}

/**
 * One message, with its subscription, as the subscription's client may read it; another client's,
 * or none, is a 404.
 */
export async function getOwnMessageOrThrow(
  db: Database,
  caller: Caller,
  id: string,
): Promise<{ message: SubscriptionMessage; subscription: Subscription }> {
  authorize(caller, mayManageSubscriptions);
  const [row] = await db
    .select({ message: subscriptionMessages, subscription: subscriptions })
    .from(subscriptionMessages)
    .innerJoin(subscriptions, eq(subscriptions.id, subscriptionMessages.subscriptionId))
    .where(eq(subscriptionMessages.id, id));
  if (!row) throw new ApiError("not_found", "No message with this id");
  if (!mayReadSubscription(caller, row.subscription)) throw new ApiError("not_found", "No message with this id");
  return row;
}

/** GET /api/v1/subscription-messages/{id}: the message with every attempt at delivering it. */
export async function getSubscriptionMessageOrThrow(
  db: Database,
  caller: Caller,
  id: string,
): Promise<SubscriptionMessageWithAttemptsResponse> {
  const { message } = await getOwnMessageOrThrow(db, caller, id);
  const attempts = (await attemptsByMessage(db, [id])).get(id) ?? [];
  return { ...toMessageResponse(message), attempts: attempts.map(toAttemptResponse) };
}
