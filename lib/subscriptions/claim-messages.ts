import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { uuidArray } from "@/db/sql-arrays";
import {
  subscriptionAttempts,
  subscriptionMessages,
  subscriptions,
  type NewSubscriptionAttempt,
  type Subscription,
  type SubscriptionMessage,
} from "@/db/schema";
import { civilDateIso, toLondonWallTime } from "@/lib/rules/time/london-time";
import type { Claimed, DeliverOptions, DeliverResult, DeliveryRequest } from "./deliver-message";
import { expiresAt } from "./expiry";
import { webhookTimeoutMs } from "./post-webhook";
import { queueSubscriptionEmails } from "./subscription-emails";

// Claiming a worker's batch of messages: each is tried by one worker at a time, which holds it by a
// lease (its next attempt moved past the time the try can take) rather than by an open transaction.

/**
 * Claims a batch: the webhooks of live subscriptions that are due are leased in one statement (the
 * steady state: one round trip for the whole batch), then whatever that left (emails, stopped
 * subscriptions, messages not due or not pending, or locked by another worker) is settled one by
 * one in a transaction. One result per request, in order; a message asked for twice is claimed once.
 */
export async function claimMessages(
  db: Database,
  requests: DeliveryRequest[],
  options: DeliverOptions,
  now: Date,
): Promise<(Claimed | DeliverResult)[]> {
  const leased = await leaseLiveWebhooks(db, requests, options, now);
  const rest = requests.filter((request) => !leased.has(request.messageId));
  const settled = rest.length > 0 ? await db.transaction((tx) => claimEach(tx, rest, options, now)) : [];
  let next = 0;
  return requests.map((request) => {
    if (!leased.has(request.messageId)) return settled[next++]!;
    const claim = leased.get(request.messageId);
    // This batch's earlier request for the same message has it.
    leased.set(request.messageId, undefined);
    return claim ? { ...claim, trigger: request.trigger } : "busy";
  });
}

/**
 * Leases, in one statement, the batch's webhook messages that are pending and due, of subscriptions
 * not deleted, disabled or past their expiresOn in London (as the publisher's liveSubscriptions), and
 * not locked by another worker, returning each with its subscription. The map holds a claim per leased id.
 */
async function leaseLiveWebhooks(
  db: Database,
  requests: DeliveryRequest[],
  options: DeliverOptions,
  now: Date,
): Promise<Map<string, Claimed | undefined>> {
  const ids = [...new Set(requests.map((request) => request.messageId))];
  const londonToday = civilDateIso(toLondonWallTime(now));
  const leased = await db
    .update(subscriptionMessages)
    .set({ nextAttemptAt: new Date(now.getTime() + leaseMs(options)) })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.id, subscriptionMessages.subscriptionId),
        sql`${subscriptionMessages.id} in (
          select m.id from subscription_messages m
          join subscriptions s on s.id = m.subscription_id
          where m.id = any(${uuidArray(ids)}) and m.status = 'pending' and m.channel = 'webhook'
            and (m.next_attempt_at is null or m.next_attempt_at <= ${now.toISOString()}::timestamptz)
            and s.deleted_at is null and s.disabled_at is null and s.expires_on >= ${londonToday}::date
          for update of m skip locked)`,
      ),
    )
    .returning({ message: subscriptionMessages, subscription: subscriptions });
  return new Map(
    leased.map(({ message, subscription }): [string, Claimed] => [
      message.id,
      // The trigger is the request's; claimMessages sets it.
      { message, subscription, attemptNumber: message.attemptCount + 1, trigger: "scheduled" },
    ]),
  );
}

/**
 * How long a claimed message is left to the worker that claimed it: the receiver's 15 s and room to
 * record. A worker that dies leaves the message due again after this, and the sweep queues it.
 */
function leaseMs(options: DeliverOptions): number {
  return (options.timeoutMs ?? webhookTimeoutMs) + 45_000;
}

/**
 * The rest of a batch, one by one under row locks (SKIP LOCKED: a worker holding one is delivering
 * it, so this job has nothing to do): each checked still due, given up if its subscription stopped,
 * an email handed to Notify at once (nothing slow to wait for), a webhook leased.
 */
async function claimEach(
  tx: Database,
  requests: DeliveryRequest[],
  options: DeliverOptions,
  now: Date,
): Promise<(Claimed | DeliverResult)[]> {
  const rows = await tx
    .select({ message: subscriptionMessages, subscription: subscriptions })
    .from(subscriptionMessages)
    .innerJoin(subscriptions, eq(subscriptions.id, subscriptionMessages.subscriptionId))
    .where(inArray(subscriptionMessages.id, [...new Set(requests.map((request) => request.messageId))]))
    .for("update", { of: subscriptionMessages, skipLocked: true });
  const unclaimed = new Map(rows.map((row) => [row.message.id, row]));
  const results: (Claimed | DeliverResult)[] = [];
  for (const { messageId, trigger } of requests) {
    const row = unclaimed.get(messageId);
    // Locked by another worker, or this batch's earlier request for the same message has it.
    if (!row) {
      results.push("busy");
      continue;
    }
    unclaimed.delete(messageId);
    results.push(await claimOne(tx, { ...row, attemptNumber: row.message.attemptCount + 1, trigger }, now));
  }
  const leased = results.filter((result): result is Claimed => typeof result === "object");
  if (leased.length > 0)
    await tx
      .update(subscriptionMessages)
      .set({ nextAttemptAt: new Date(now.getTime() + leaseMs(options)) })
      .where(
        inArray(
          subscriptionMessages.id,
          leased.map((claim) => claim.message.id),
        ),
      );
  return results;
}

/** What becomes of one locked message: a webhook to send (leased by the caller), or done with here. */
async function claimOne(tx: Database, candidate: Claimed, now: Date): Promise<Claimed | DeliverResult> {
  const { message, subscription } = candidate;
  if (message.status !== "pending") return "skipped";
  // Leased to a worker still within its time, or a job that came early: that worker or a later job has it.
  if (message.nextAttemptAt && message.nextAttemptAt > now) return "busy";
  const stopped = whyStopped(subscription, now);
  if (stopped) {
    await giveUpUnsent(tx, message.id, stopped, now);
    return "failed";
  }
  if (message.channel === "email") return handOverEmails(tx, candidate, now);
  return candidate;
}

/** Why a subscription no longer takes deliveries, as the attempt's error; null while it does. */
function whyStopped(subscription: Subscription, now: Date): string | null {
  if (subscription.deletedAt) return "subscription-deleted";
  if (subscription.disabledAt) return `subscription-disabled: ${subscription.disabledReason ?? "by an administrator"}`;
  if (expiresAt(subscription.expiresOn) <= now) return "subscription-expired";
  return null;
}

/** The message will not be sent: `fail`, with an attempt row that says why (nothing was sent). */
async function giveUpUnsent(tx: Database, messageId: string, error: string, now: Date): Promise<void> {
  await tx.insert(subscriptionAttempts).values({
    messageId,
    attemptedAt: now,
    trigger: "scheduled",
    statusCode: null,
    durationMs: 0,
    error,
  } satisfies NewSubscriptionAttempt);
  await tx
    .update(subscriptionMessages)
    .set({ status: "fail", nextAttemptAt: null })
    .where(eq(subscriptionMessages.id, messageId));
}

/**
 * The email channel: one Notify email per address, queued with the attempt and the `sent` status
 * in one commit, so it happens once. From here the deliveries' own statuses say whether each arrived.
 */
async function handOverEmails(tx: Database, claimed: Claimed, now: Date): Promise<DeliverResult> {
  const { message, subscription } = claimed;
  const addresses = subscription.emailAddresses ?? [];
  const deliveryIds = await queueSubscriptionEmails(tx, addresses, eventEmail(message), now);
  const handedOver = deliveryIds.length > 0;
  await tx.insert(subscriptionAttempts).values({
    messageId: message.id,
    attemptedAt: now,
    trigger: claimed.trigger,
    statusCode: null,
    durationMs: 0,
    responseExcerpt: handedOver ? `Queued GOV.UK Notify deliveries ${deliveryIds.join(", ")}` : "",
    error: handedOver ? null : "no-notify-service",
  });
  await tx
    .update(subscriptionMessages)
    .set({
      status: handedOver ? "sent" : "fail",
      sentAt: handedOver ? now : null,
      attemptCount: sql`${subscriptionMessages.attemptCount} + 1`,
      nextAttemptAt: null,
    })
    .where(and(eq(subscriptionMessages.id, message.id), eq(subscriptionMessages.status, "pending")));
  return handedOver ? "sent" : "failed";
}

/** The email for one event: its type and time in words, then the same payload a webhook carries. */
function eventEmail(message: SubscriptionMessage) {
  const payload = message.payload as { type?: string; timestamp?: string; data?: unknown };
  return {
    subject: `Notification Centre: ${message.eventType}`,
    body: [
      `An event you subscribed to has happened: ${message.eventType}, at ${payload.timestamp ?? message.createdAt.toISOString()}.`,
      `Message id: ${message.id}`,
      "```",
      JSON.stringify(payload, null, 2),
      "```",
    ].join("\n\n"),
  };
}
