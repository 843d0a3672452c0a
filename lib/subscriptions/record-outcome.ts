import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";
import { subscriptionMessages, subscriptions, type Subscription } from "@/db/schema";
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

/** One try's answer, with the claim it was made under. */
export type AttemptAnswer = { claimed: Claimed; answer: WebhookAnswer; attemptedAt: Date };

/**
 * Records a batch's answers: every attempt and every success in one statement, then, only when
 * some try failed or a success ends a failing streak, the rest in the same transaction: failures
 * one by one (each may queue its retry or disable its subscription). A healthy batch is one round
 * trip. Only the try that holds the lease moves a message on; one whose lease ran out (a stalled
 * process) is recorded and changes nothing else. Answers one result per answer, in order.
 */
export async function recordWebhookOutcomes(
  db: Database,
  answers: AttemptAnswer[],
  options: OutcomeOptions,
): Promise<DeliverResult[]> {
  const healthy = answers.every(({ claimed, answer }) => succeeded(answer) && !claimed.subscription.failingSince);
  if (healthy) {
    const sent = await recordAttempts(db, answers, options.now);
    return answers.map(({ claimed }) => (sent.has(claimed.message.id) ? "sent" : "skipped"));
  }
  return db.transaction(async (tx) => {
    const sent = await recordAttempts(tx, answers, options.now);
    await endFailingStreaks(tx, answers);
    const results: DeliverResult[] = [];
    for (const attempt of answers)
      results.push(
        succeeded(attempt.answer)
          ? sent.has(attempt.claimed.message.id)
            ? "sent"
            : "skipped"
          : await recordFailure(tx, attempt, options),
      );
    return results;
  });
}

/**
 * One statement: every attempt inserted, and every success's message moved to `sent` if its attempt
 * count is still the claim's. Returns the ids moved. The rows travel as one JSON parameter.
 */
async function recordAttempts(db: Database, answers: AttemptAnswer[], now: Date): Promise<Set<string>> {
  const rows = answers.map(({ claimed, answer, attemptedAt }) => ({
    message_id: claimed.message.id,
    attempt_number: claimed.attemptNumber,
    attempted_at: attemptedAt.toISOString(),
    trigger: claimed.trigger,
    status_code: answer.statusCode,
    duration_ms: answer.durationMs,
    response_excerpt: answer.responseExcerpt,
    error: answer.error,
    succeeded: succeeded(answer),
  }));
  const moved = rowsOf<{ id: string }>(
    await db.execute(sql`
      with attempts as (
        select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as a(message_id uuid, attempt_number int,
          attempted_at timestamptz, trigger subscription_attempt_trigger, status_code int, duration_ms int,
          response_excerpt text, error text, succeeded boolean)
      ), recorded as (
        insert into subscription_attempts (message_id, attempted_at, trigger, status_code, duration_ms,
          response_excerpt, error)
        select message_id, attempted_at, trigger, status_code, duration_ms, response_excerpt, error from attempts
      )
      update subscription_messages m
      set status = 'sent', sent_at = ${now.toISOString()}::timestamptz, next_attempt_at = null,
        attempt_count = a.attempt_number, last_status_code = a.status_code
      from attempts a
      where a.succeeded and m.id = a.message_id and m.status = 'pending' and m.attempt_count = a.attempt_number - 1
      returning m.id`),
  );
  return new Set(moved.map((row) => row.id));
}

/**
 * Successes end their subscriptions' failing streaks: only where the claim saw one, so a healthy
 * subscription's success costs no write. A streak begun by a failure racing this success is
 * cleared by the next success, which sees it.
 */
async function endFailingStreaks(tx: Database, answers: AttemptAnswer[]): Promise<void> {
  const streaking = answers
    .filter(({ claimed, answer }) => succeeded(answer) && claimed.subscription.failingSince)
    .map(({ claimed }) => claimed.subscription.id);
  if (streaking.length === 0) return;
  await tx
    .update(subscriptions)
    .set({ failingSince: null })
    .where(and(inArray(subscriptions.id, [...new Set(streaking)]), sql`${subscriptions.failingSince} is not null`));
}

/** A failed try: the next one queued in this commit (a crash cannot lose or double it), or given up. */
async function recordFailure(
  tx: Database,
  { claimed, answer }: AttemptAnswer,
  { now, retryDelaysMs, random }: OutcomeOptions,
): Promise<DeliverResult> {
  const { message, subscription, attemptNumber } = claimed;
  const gone = answer.statusCode === 410;
  const delay = gone
    ? null
    : nextRetryDelayMs(attemptNumber, parseRetryAfter(answer.retryAfter, now), { delaysMs: retryDelaysMs, random });
  const nextAttemptAt = delay === null ? null : new Date(now.getTime() + delay);
  const [moved] = await tx
    .update(subscriptionMessages)
    .set({
      attemptCount: attemptNumber,
      lastStatusCode: answer.statusCode,
      status: nextAttemptAt ? "pending" : "fail",
      nextAttemptAt,
    })
    .where(
      and(
        eq(subscriptionMessages.id, message.id),
        eq(subscriptionMessages.status, "pending"),
        eq(subscriptionMessages.attemptCount, attemptNumber - 1),
      ),
    )
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
