import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  subscriptionAttempts,
  subscriptionMessages,
  subscriptions,
  type NewSubscriptionAttempt,
  type Subscription,
  type SubscriptionAttemptTrigger,
  type SubscriptionMessage,
} from "@/db/schema";
import { getSettings } from "@/lib/config/settings";
import { systemClock, type Clock } from "@/lib/rules/time/clock";
import { recordWebhookOutcome } from "./record-outcome";
import { expiresAt } from "./expiry";
import { postWebhook, webhookTimeoutMs, type WebhookAnswer } from "./post-webhook";
import { svixRetryDelaysMs } from "./retry-schedule";
import { signingSecretsOf, signWebhook, webhookTimestamp } from "./signing";
import { queueSubscriptionEmails } from "./subscription-emails";
import { checkWebhookUrl, type ResolveHost } from "./webhook-url";

// One try at delivering one subscription message: claim it under a row lock, send it with no
// transaction open (a slow receiver holds no connection), then record the attempt and what follows
// (sent, the next try, given up, subscription disabled) in one transaction.

export type DeliverOptions = {
  clock?: Clock;
  /** WEBHOOKS_ALLOW_PRIVATE; the settings' value unless given. */
  allowPrivate?: boolean;
  /** DNS for the SSRF check at send; tests pass a fake one. */
  resolve?: ResolveHost;
  /** The receiver's time to answer; 15 s unless a test shortens it. */
  timeoutMs?: number;
  /** The waits before each attempt (Svix's schedule unless a test shortens it). */
  retryDelaysMs?: readonly number[];
  random?: () => number;
  /** WEBHOOK_SECRETS_KEY; the settings' (or generated) key unless given. */
  key?: Buffer;
};

export type DeliverResult = "sent" | "retrying" | "failed" | "skipped" | "busy";

export type Claimed = {
  message: SubscriptionMessage;
  subscription: Subscription;
  /** This try's number, from 1. */
  attemptNumber: number;
  trigger: SubscriptionAttemptTrigger;
};

/**
 * How long a claimed message is left to the worker that claimed it: the receiver's 15 s and room to
 * record. A worker that dies leaves the message due again after this, and the sweep queues it.
 */
function leaseMs(options: DeliverOptions): number {
  return (options.timeoutMs ?? webhookTimeoutMs) + 45_000;
}

/** Delivers one message once; safe to call for the same message from any number of workers at once. */
export async function deliverSubscriptionMessage(
  db: Database,
  messageId: string,
  trigger: SubscriptionAttemptTrigger,
  options: DeliverOptions = {},
): Promise<DeliverResult> {
  const clock = options.clock ?? systemClock;
  const claim = await db.transaction(async (tx) => {
    const claimed = await claimMessage(tx, messageId, trigger, options);
    // An email is handed to the Notify pipeline in the claiming transaction: nothing slow to wait for.
    if (claimed !== null && typeof claimed === "object" && claimed.message.channel === "email")
      return handOverEmails(tx, claimed, clock.now());
    return claimed;
  });
  if (typeof claim === "string") return claim;
  const attemptedAt = clock.now();
  const answer = await sendWebhook(claim, attemptedAt, options);
  return recordWebhookOutcome(db, claim, answer, attemptedAt, {
    now: clock.now(),
    retryDelaysMs: options.retryDelaysMs ?? svixRetryDelaysMs,
    random: options.random,
  });
}

/**
 * Locks the message (SKIP LOCKED: a worker holding it is delivering it, so this job has nothing to
 * do), checks it is still due, and leases it to this worker by moving its next attempt on.
 */
async function claimMessage(
  tx: Database,
  messageId: string,
  trigger: SubscriptionAttemptTrigger,
  options: DeliverOptions,
): Promise<Claimed | DeliverResult> {
  const now = (options.clock ?? systemClock).now();
  const [row] = await tx
    .select({ message: subscriptionMessages, subscription: subscriptions })
    .from(subscriptionMessages)
    .innerJoin(subscriptions, eq(subscriptions.id, subscriptionMessages.subscriptionId))
    .where(eq(subscriptionMessages.id, messageId))
    .for("update", { of: subscriptionMessages, skipLocked: true });
  if (!row) return "busy";
  const { message, subscription } = row;
  if (message.status !== "pending") return "skipped";
  // Leased to a worker still within its time, or a job that came early: that worker or a later job has it.
  if (message.nextAttemptAt && message.nextAttemptAt > now) return "busy";
  const stopped = whyStopped(subscription, now);
  if (stopped) {
    await giveUpUnsent(tx, message.id, stopped, now);
    return "failed";
  }
  await tx
    .update(subscriptionMessages)
    .set({ nextAttemptAt: new Date(now.getTime() + leaseMs(options)) })
    .where(eq(subscriptionMessages.id, message.id));
  return { message, subscription, attemptNumber: message.attemptCount + 1, trigger };
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

/**
 * The POST, after checking the URL again (DNS may have changed since the subscription was made):
 * a refused URL is an attempt that sent nothing. The socket goes to the address that was checked.
 */
async function sendWebhook(claimed: Claimed, attemptedAt: Date, options: DeliverOptions): Promise<WebhookAnswer> {
  const { message, subscription } = claimed;
  const allowPrivate = options.allowPrivate ?? getSettings().webhooks.allowPrivate;
  const check = await checkWebhookUrl(subscription.webhookUrl!, { allowPrivate, resolve: options.resolve });
  if (!check.allowed)
    return {
      statusCode: null,
      durationMs: 0,
      responseExcerpt: "",
      error: `${check.error}: ${check.reason}`,
      retryAfter: undefined,
    };
  const body = JSON.stringify(message.payload);
  const secrets = signingSecretsOf(subscription, attemptedAt, options.key);
  return postWebhook({
    url: check.url,
    address: check.addresses[0]!,
    body,
    timeoutMs: options.timeoutMs,
    headers: {
      "content-type": "application/json",
      "webhook-id": message.id,
      "webhook-timestamp": webhookTimestamp(attemptedAt),
      "webhook-signature": signWebhook({ msgId: message.id, timestamp: attemptedAt, body, secrets }),
    },
  });
}
