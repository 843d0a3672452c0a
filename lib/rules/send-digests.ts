import { and, asc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { deliveries, digestItems, digests, notifications, users } from "@/db/schema";
import { enqueueDeliverySends } from "@/lib/delivery/queue";
import { configuredServiceKeys } from "@/lib/notify/services";
import { digestPersonalisation, digestTemplateId, londonDay } from "./digest-email";

export type SendDigestsOptions = {
  /** The time the run happens at; tests move it. */
  now?: Date;
};

/** Thrown inside a person's transaction to roll it back: another worker already sent today's digest. */
class DigestAlreadySent extends Error {}

/**
 * The 08:00 job: one email to each person with items waiting for their daily digest, through the
 * ordinary delivery pipeline (a delivery, sent by the workers through Notify). Each person is their
 * own transaction, so one failure costs only their digest. Safe to run twice, and on two workers at
 * once: a digest is unique per person and London day, so the second run sends nothing.
 * Returns the ids of the people sent one.
 */
export async function sendDailyDigests(db: Database, { now = new Date() }: SendDigestsOptions = {}): Promise<string[]> {
  const serviceKey = configuredServiceKeys()[0];
  if (!serviceKey) return [];
  const waiting = await db
    .selectDistinct({ userId: digestItems.userId })
    .from(digestItems)
    .where(and(isNull(digestItems.digestId), lte(digestItems.dueAt, now)));
  const sentTo: string[] = [];
  let failures = 0;
  let lastFailure: unknown;
  for (const { userId } of waiting) {
    try {
      if (await db.transaction((tx) => sendDigestTo(tx, userId, { now, serviceKey }))) sentTo.push(userId);
    } catch (error) {
      if (error instanceof DigestAlreadySent) continue;
      failures += 1;
      lastFailure = error;
    }
  }
  // The others' digests are made; the step runner logs this, and the items wait for the next run.
  if (failures > 0) throw new Error(`${failures} daily digest(s) could not be made`, { cause: lastFailure });
  return sentTo;
}

async function sendDigestTo(
  tx: Database,
  userId: string,
  { now, serviceKey }: { now: Date; serviceKey: string },
): Promise<boolean> {
  const [person] = await tx
    .select({ name: users.name })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.disabledAt), isNull(users.erasedAt)));
  if (!person) return false;
  // The person's choice now decides: items of a category they have since turned email off for are
  // dropped; the rest go in this digest, even if they switched to "straight away" since.
  await tx.execute(sql`
    delete from digest_items i
    where i.user_id = ${userId} and i.digest_id is null
      and not exists (select 1 from notification_preferences p
        where p.user_id = i.user_id and p.category = i.category and p.email_mode <> 'off')`);
  const items = await tx
    .select({
      notificationId: digestItems.notificationId,
      category: digestItems.category,
      message: notifications.message,
    })
    .from(digestItems)
    .innerJoin(notifications, eq(notifications.id, digestItems.notificationId))
    .where(and(eq(digestItems.userId, userId), isNull(digestItems.digestId), lte(digestItems.dueAt, now)))
    .orderBy(asc(digestItems.dueAt), asc(digestItems.notificationId));
  if (items.length === 0) return false;

  const templateId = digestTemplateId();
  // A delivery belongs to a notification: the digest is one of its own, addressed to the person,
  // with no inbox copy (no receipt), so cancelling one of its items never cancels the digest.
  const [digestNotification] = await tx
    .insert(notifications)
    .values({
      notificationType: "Email",
      message: `Daily digest: ${items.length} item${items.length === 1 ? "" : "s"}`,
      recipientKind: "user",
      recipientUserId: userId,
      requireEmailNotification: true,
      serviceKey,
      templateId,
      createdAt: now,
    })
    .returning({ id: notifications.id });
  const [delivery] = await tx
    .insert(deliveries)
    .values({
      notificationId: digestNotification!.id,
      channel: "email",
      status: "pending",
      serviceKey,
      templateId,
      userId,
      preferenceCopy: true,
      personalisation: digestPersonalisation(person.name, items),
    })
    .returning({ id: deliveries.id });
  const [digest] = await tx
    .insert(digests)
    .values({ userId, day: londonDay(now), deliveryId: delivery!.id, createdAt: now })
    .onConflictDoNothing()
    .returning({ id: digests.id });
  if (!digest) throw new DigestAlreadySent();
  await tx
    .update(digestItems)
    .set({ digestId: digest.id })
    .where(
      and(
        eq(digestItems.userId, userId),
        inArray(
          digestItems.notificationId,
          items.map((item) => item.notificationId),
        ),
      ),
    );
  await enqueueDeliverySends(tx, [{ id: delivery!.id }]);
  return true;
}
