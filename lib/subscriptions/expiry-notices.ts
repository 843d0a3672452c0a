import { and, eq, isNull, lte, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { subscriptions, type ExpiryNotice, type Subscription } from "@/db/schema";
import { expiresAt } from "./expiry";
import { queueSubscriptionEmails } from "./subscription-emails";

// Reminders to a subscription's contacts that it is about to stop: 14 days and 1 day before the end
// of its expiresOn. Each is sent once (subscriptions.expiry_notices_sent; extending clears it).

const day = 24 * 60 * 60 * 1000;

/** The notice due for a subscription ending at `endsAt`, or null. Inside the last day only the 1-day one. */
export function dueNotice(endsAt: Date, now: Date, sent: readonly ExpiryNotice[]): ExpiryNotice | null {
  const left = endsAt.getTime() - now.getTime();
  if (left <= 0) return null;
  if (left <= day) return sent.includes("1-day") ? null : "1-day";
  if (left <= 14 * day) return sent.includes("14-days") ? null : "14-days";
  return null;
}

/**
 * Emails each contact of every live subscription with a notice due. One transaction per
 * subscription, holding its row (SKIP LOCKED), so two sweeps at once send each notice once.
 * Returns the number of subscriptions reminded.
 */
export async function sendExpiryNotices(db: Database, { now = new Date() }: { now?: Date } = {}): Promise<number> {
  // expiresOn is a London day: anything ending within 15 calendar days is a candidate; dueNotice decides.
  const horizon = new Date(now.getTime() + 15 * day).toISOString().slice(0, 10);
  const candidates = await db
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(
      and(
        isNull(subscriptions.deletedAt),
        isNull(subscriptions.disabledAt),
        lte(subscriptions.expiresOn, horizon),
        sql`${subscriptions.expiresOn} >= ${new Date(now.getTime() - day).toISOString().slice(0, 10)}`,
        sql`jsonb_array_length(${subscriptions.expiryNoticesSent}) < 2`,
      ),
    );
  let reminded = 0;
  for (const { id } of candidates) if (await remindOne(db, id, now)) reminded += 1;
  return reminded;
}

async function remindOne(db: Database, id: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [subscription] = await tx
      .select()
      .from(subscriptions)
      .where(and(eq(subscriptions.id, id), isNull(subscriptions.deletedAt), isNull(subscriptions.disabledAt)))
      .for("update", { skipLocked: true });
    if (!subscription) return false;
    const endsAt = expiresAt(subscription.expiresOn);
    const notice = dueNotice(endsAt, now, subscription.expiryNoticesSent);
    if (!notice) return false;
    await queueSubscriptionEmails(tx, subscription.contactEmails, noticeEmail(subscription, notice), now);
    // The 1-day notice stands for both: a subscription reminded a day before is not reminded "14 days" after.
    const sent: ExpiryNotice[] = notice === "1-day" ? ["14-days", "1-day"] : ["14-days"];
    await tx.update(subscriptions).set({ expiryNoticesSent: sent }).where(eq(subscriptions.id, id));
    return true;
  });
}

function noticeEmail(subscription: Subscription, notice: ExpiryNotice) {
  const when = notice === "1-day" ? "within a day" : "within 14 days";
  return {
    subject: `Your Notification Centre subscription ends ${when}, on ${subscription.expiresOn}`,
    body: [
      `The subscription ${subscription.id} to ${subscription.eventType} events ends at the end of ${subscription.expiresOn} (UK time).`,
      `To keep receiving them, extend it: PATCH /api/v1/subscriptions/${subscription.id} with a new expiresOn (at most a year ahead).`,
    ].join("\n\n"),
  };
}
