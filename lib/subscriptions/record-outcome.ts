import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { subscriptionAttempts, subscriptionMessages, subscriptions, type Subscription } from "@/db/schema";
import type { Claimed, DeliverResult } from "./deliver-message";
import type { WebhookAnswer } from "./post-webhook";
import { deliveryJobId, nextRetryDelayMs, parseRetryAfter } from "./retry-schedule";
import { enqueueSubscriptionMessages } from "./queue";
import { queueSubscriptionEmails } from "./subscription-emails";

// What a webhook attempt's answer means, recorded in one transaction with the attempt itself:
// sent; or the next try queued (a new job, in this same commit, so a crash cannot lose or double
// it); or given up; and the subscription's failing streak, which disables it after five days.

/** Five days of nothing but failures disables a subscription (Svix's rule). */
export const failingStreakLimitMs = 5 * 24 * 60 * 60 * 1000;

export type OutcomeOptions = {
  now: Date;
  retryDelaysMs: readonly number[];
  random?: () => number;
};

function succeeded(answer: WebhookAnswer): boolean {
  return answer.statusCode !== null && answer.statusCode >= 200 && answer.statusCode < 300;
}

export async function recordWebhookOutcome(
  db: Database,
  claimed: Claimed,
  answer: WebhookAnswer,
  attemptedAt: Date,
  { now, retryDelaysMs, random }: OutcomeOptions,
): Promise<DeliverResult> {
  const { message, subscription, attemptNumber } = claimed;
  return db.transaction(async (tx) => {
    await tx.insert(subscriptionAttempts).values({
      messageId: message.id,
      attemptedAt,
      trigger: claimed.trigger,
      statusCode: answer.statusCode,
      durationMs: answer.durationMs,
      responseExcerpt: answer.responseExcerpt,
      error: answer.error,
    });
    // Only the try that holds the lease moves the message on; one whose lease ran out (a stalled
    // process) is recorded above and changes nothing else.
    const current = and(
      eq(subscriptionMessages.id, message.id),
      eq(subscriptionMessages.status, "pending"),
      eq(subscriptionMessages.attemptCount, attemptNumber - 1),
    );
    const counted = { attemptCount: attemptNumber, lastStatusCode: answer.statusCode };

    if (succeeded(answer)) {
      const [moved] = await tx
        .update(subscriptionMessages)
        .set({ ...counted, status: "sent", sentAt: now, nextAttemptAt: null })
        .where(current)
        .returning({ id: subscriptionMessages.id });
      // Only when the claim saw a streak: a healthy subscription's success costs no write. A streak
      // begun by a failure racing this success is cleared by the next success, which sees it.
      if (subscription.failingSince)
        await tx
          .update(subscriptions)
          .set({ failingSince: null })
          .where(and(eq(subscriptions.id, subscription.id), sql`${subscriptions.failingSince} is not null`));
      return moved ? "sent" : "skipped";
    }

    const gone = answer.statusCode === 410;
    const delay = gone
      ? null
      : nextRetryDelayMs(attemptNumber, parseRetryAfter(answer.retryAfter, now), { delaysMs: retryDelaysMs, random });
    const nextAttemptAt = delay === null ? null : new Date(now.getTime() + delay);
    const [moved] = await tx
      .update(subscriptionMessages)
      .set({ ...counted, status: nextAttemptAt ? "pending" : "fail", nextAttemptAt })
      .where(current)
      .returning({ id: subscriptionMessages.id });
    if (!moved) return "skipped";
    if (nextAttemptAt)
      await enqueueSubscriptionMessages(tx, [
        {
          messageId: message.id,
          trigger: "scheduled",
          startAfter: nextAttemptAt,
          jobId: deliveryJobId(message.id, attemptNumber + 1, nextAttemptAt),
        },
      ]);

    const [streak] = await tx
      .update(subscriptions)
      .set({ failingSince: sql`coalesce(${subscriptions.failingSince}, ${now.toISOString()}::timestamptz)` })
      .where(eq(subscriptions.id, subscription.id))
      .returning({ failingSince: subscriptions.failingSince });
    if (gone) await disableSubscription(tx, subscription, "The webhook URL answered 410 Gone", now);
    else if (streak?.failingSince && now.getTime() - streak.failingSince.getTime() >= failingStreakLimitMs)
      await disableSubscription(tx, subscription, "Every webhook attempt failed for 5 days", now);
    return nextAttemptAt ? "retrying" : "failed";
  });
}

/** Disables the subscription (once) and tells each contact by email why and how to restart it. */
async function disableSubscription(tx: Database, subscription: Subscription, reason: string, now: Date) {
  const [disabled] = await tx
    .update(subscriptions)
    .set({ disabledAt: now, disabledReason: reason, updatedAt: now })
    .where(and(eq(subscriptions.id, subscription.id), isNull(subscriptions.disabledAt)))
    .returning({ id: subscriptions.id });
  if (!disabled) return;
  await queueSubscriptionEmails(
    tx,
    subscription.contactEmails,
    {
      subject: "Your Notification Centre subscription has been disabled",
      body: [
        `The subscription ${subscription.id} to ${subscription.eventType} events, delivering to ${subscription.webhookUrl}, was disabled on ${now.toISOString()}.`,
        `Reason: ${reason}.`,
        "Messages for it are no longer sent. Ask the Notification Centre's administrators to enable it again once the receiver is working; messages since can then be replayed.",
      ].join("\n\n"),
    },
    now,
  );
}
