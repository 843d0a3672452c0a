import type { Database } from "@/db/client";
import type { Subscription, SubscriptionAttemptTrigger, SubscriptionMessage } from "@/db/schema";
import { getSettings } from "@/lib/config/settings";
import { systemClock, type Clock } from "@/lib/rules/time/clock";
import { claimMessages } from "./claim-messages";
import { recordWebhookOutcomes } from "./record-outcome";
import { postWebhook, type WebhookAnswer } from "./post-webhook";
import { svixRetryDelaysMs } from "./retry-schedule";
import { signingSecretsOf, signWebhook, webhookTimestamp } from "./signing";
import { checkWebhookUrl, type ResolveHost, type WebhookUrlCheck } from "./webhook-url";

// One try at delivering each of a batch of subscription messages: claim them under row locks, send
// them with no transaction open (a slow receiver holds no connection), then record the attempts and
// what follows (sent, the next try, given up, subscription disabled) in one transaction.

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
  /** A test's certificate authority for https receivers; Node's roots unless given. */
  trustedCa?: string;
};

export type DeliverResult = "sent" | "retrying" | "failed" | "skipped" | "busy";

export type Claimed = {
  message: SubscriptionMessage;
  subscription: Subscription;
  /** This try's number, from 1. */
  attemptNumber: number;
  trigger: SubscriptionAttemptTrigger;
};

/** One job's worth: try this message, for this reason. */
export type DeliveryRequest = { messageId: string; trigger: SubscriptionAttemptTrigger };

/** Delivers one message once; safe to call for the same message from any number of workers at once. */
export async function deliverSubscriptionMessage(
  db: Database,
  messageId: string,
  trigger: SubscriptionAttemptTrigger,
  options: DeliverOptions = {},
): Promise<DeliverResult> {
  const [result] = await deliverSubscriptionMessages(db, [{ messageId, trigger }], options);
  return result!;
}

/**
 * Delivers a worker's batch: one claiming transaction for all of them, the POSTs side by side,
 * one transaction recording every answer. The database work is per batch, not per message, so a
 * busy subscription's throughput is bounded by its receiver rather than by round trips. Answers
 * one result per request, in order; a message asked for twice in one batch is tried once.
 */
export async function deliverSubscriptionMessages(
  db: Database,
  requests: DeliveryRequest[],
  options: DeliverOptions = {},
): Promise<DeliverResult[]> {
  const clock = options.clock ?? systemClock;
  const claims = await claimMessages(db, requests, options, clock.now());
  const claimed = claims.filter((claim): claim is Claimed => typeof claim === "object");
  if (claimed.length === 0) return claims as DeliverResult[];
  const checks = new Map<string, Promise<WebhookUrlCheck>>();
  const answers = await Promise.all(
    claimed.map(async (claim) => {
      const attemptedAt = clock.now();
      return { claimed: claim, attemptedAt, answer: await sendWebhook(claim, attemptedAt, options, checks) };
    }),
  );
  const recorded = await recordWebhookOutcomes(db, answers, {
    now: clock.now(),
    retryDelaysMs: options.retryDelaysMs ?? svixRetryDelaysMs,
    random: options.random,
  });
  const byMessage = new Map(claimed.map((claim, index) => [claim.message.id, recorded[index]!]));
  return claims.map((claim) => (typeof claim === "object" ? byMessage.get(claim.message.id)! : claim));
}

/**
 * The POST, after checking the URL again (DNS may have changed since the subscription was made):
 * a refused URL is an attempt that sent nothing. The socket goes to the address that was checked.
 */
async function sendWebhook(
  claimed: Claimed,
  attemptedAt: Date,
  options: DeliverOptions,
  checks: Map<string, Promise<WebhookUrlCheck>>,
): Promise<WebhookAnswer> {
  const { message, subscription } = claimed;
  const allowPrivate = options.allowPrivate ?? getSettings().webhooks.allowPrivate;
  const webhookUrl = subscription.webhookUrl!;
  // One lookup per URL per batch: many messages to one receiver go to the address checked once.
  if (!checks.has(webhookUrl))
    checks.set(webhookUrl, checkWebhookUrl(webhookUrl, { allowPrivate, resolve: options.resolve }));
  const check = await checks.get(webhookUrl)!;
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
    trustedCa: options.trustedCa,
    headers: {
      "content-type": "application/json",
      "webhook-id": message.id,
      "webhook-timestamp": webhookTimestamp(attemptedAt),
      "webhook-signature": signWebhook({ msgId: message.id, timestamp: attemptedAt, body, secrets }),
    },
  });
}
