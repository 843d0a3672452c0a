import { randomUUID } from "node:crypto";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  apiClients,
  subscriptionMessages,
  subscriptions,
  type Subscription,
  type SubscriptionMessage,
} from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { recordSubscriptionAudit } from "./audit";
import { expiresAt } from "./expiry";
import type { ReplayFilters } from "./messages-contract";
import { enqueueSubscriptionMessages } from "./queue";

// Replaying messages: a replay is a NEW message (replayOf = the original) with the same payload,
// queued like any other, so the original keeps its attempts and the receiver sees a new webhook-id.
// Only the latest copy of an original is replayed again: once a replay has gone out, the failed
// original it replaced no longer counts as failed.

/** Whose messages: a client's, or one subscription's (the admin page). */
export type ReplayScope = { clientId: string; subscriptionId?: string };

/** Which messages, as seed 002's replay body narrows them. */
export type ReplayCriteria = { id?: string; status: "sent" | "fail"; filters: ReplayFilters; limit: number };

export type ReplayOutcome = { auditId: string; matched: number; queued: number; replayIds: string[] };

/** What a replay found: each message with whether its subscription still delivers. */
export type ReplayableMessage = { message: SubscriptionMessage; live: boolean };

/** Still delivering: not deleted, not disabled, not past the end of its expiresOn. */
export function isLive(subscription: Subscription, now: Date): boolean {
  return !subscription.deletedAt && !subscription.disabledAt && expiresAt(subscription.expiresOn) > now;
}

const facetColumns = {
  category: subscriptionMessages.category,
  notificationType: subscriptionMessages.notificationType,
  targetType: subscriptionMessages.targetType,
  targetId: subscriptionMessages.targetId,
  serviceKey: subscriptionMessages.serviceKey,
  status: subscriptionMessages.sourceStatus,
} as const;

function facetConditions(filters: ReplayFilters): SQL[] {
  return Object.entries(filters).flatMap(([name, value]) =>
    value === undefined ? [] : [eq(facetColumns[name as keyof typeof facetColumns], value)],
  );
}

// No later copy of the same original exists (a copy's replayOf always names the original).
const isLatestCopy = sql`not exists (
  select 1 from subscription_messages later
  where later.replay_of = coalesce(${subscriptionMessages.replayOf}, ${subscriptionMessages.id})
    and (later.created_at, later.id) > (${subscriptionMessages.createdAt}, ${subscriptionMessages.id}))`;

/** The messages a replay takes, oldest first, each with whether its subscription still delivers. */
export async function findReplayable(
  db: Database,
  scope: ReplayScope,
  criteria: ReplayCriteria,
  now: Date,
): Promise<ReplayableMessage[]> {
  const rows = await db
    .select({ message: subscriptionMessages, subscription: subscriptions })
    .from(subscriptionMessages)
    .innerJoin(subscriptions, eq(subscriptions.id, subscriptionMessages.subscriptionId))
    .where(
      and(
        eq(subscriptions.clientId, scope.clientId),
        scope.subscriptionId ? eq(subscriptions.id, scope.subscriptionId) : undefined,
        criteria.id ? eq(subscriptionMessages.id, criteria.id) : undefined,
        eq(subscriptionMessages.status, criteria.status),
        ...facetConditions(criteria.filters),
        isLatestCopy,
      ),
    )
    .orderBy(asc(subscriptionMessages.createdAt), asc(subscriptionMessages.id))
    .limit(criteria.limit);
  return rows.map((row) => ({ message: row.message, live: isLive(row.subscription, now) }));
}

/**
 * Counts (dry run) or replays the matching messages in one transaction with its audit entry and
 * pg-boss jobs (trigger `manual`). Replays of one client run one at a time (its client row is
 * locked), so two requests at once cannot both replay the same message. With `refuseNoneQueued`, a
 * real replay that would queue nothing throws its error instead, before anything is written: the
 * audit trail never records a replay the caller was told did not happen.
 */
export async function replayMatching(
  db: Database,
  author: Caller,
  scope: ReplayScope,
  criteria: ReplayCriteria,
  options: {
    dryRun: boolean;
    request: Record<string, unknown>;
    now?: Date;
    refuseNoneQueued?: (found: ReplayableMessage[]) => Error;
  },
): Promise<ReplayOutcome> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    await tx.select({ id: apiClients.id }).from(apiClients).where(eq(apiClients.id, scope.clientId)).for("update");
    const found = await findReplayable(tx, scope, criteria, now);
    const live = found.filter((row) => row.live).map((row) => row.message);
    if (!options.dryRun && live.length === 0 && options.refuseNoneQueued) throw options.refuseNoneQueued(found);
    const replayIds = options.dryRun ? [] : await insertReplays(tx, live, now);
    const auditId = await recordSubscriptionAudit(tx, author, {
      clientId: scope.clientId,
      subscriptionId: scope.subscriptionId ?? null,
      action: options.dryRun ? "replay-dry-run" : "replay",
      details: {
        request: options.request,
        results: { matched: found.length, queued: live.length },
        replayed: options.dryRun ? [] : live.map((message, index) => ({ of: message.id, as: replayIds[index] })),
      },
    });
    return { auditId, matched: found.length, queued: live.length, replayIds };
  });
}

/** New pending copies of these messages, queued in the same transaction; their ids in the same order. */
async function insertReplays(tx: Database, originals: SubscriptionMessage[], now: Date): Promise<string[]> {
  if (originals.length === 0) return [];
  // Ids made here, so each replay pairs with its original without relying on RETURNING's order.
  const ids = originals.map(() => randomUUID());
  await tx.insert(subscriptionMessages).values(
    originals.map((original, index) => ({
      id: ids[index],
      subscriptionId: original.subscriptionId,
      channel: original.channel,
      eventType: original.eventType,
      eventId: original.eventId,
      payload: original.payload,
      status: "pending" as const,
      attemptCount: 0,
      createdAt: now,
      replayOf: original.replayOf ?? original.id,
      category: original.category,
      notificationType: original.notificationType,
      targetType: original.targetType,
      targetId: original.targetId,
      serviceKey: original.serviceKey,
      sourceStatus: original.sourceStatus,
    })),
  );
  await enqueueSubscriptionMessages(
    tx,
    ids.map((messageId) => ({ messageId, trigger: "manual" })),
  );
  return ids;
}
