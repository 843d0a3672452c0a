import { and, asc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { deliveries, documents, notifications, personalDataRetention } from "@/db/schema";
import { redactedDocument } from "./redact-documents";

/** What a retention-redacted text becomes: unlike "[erased]", it says the period ran out, not that someone asked. */
export const redacted = "[redacted]";

export type RetentionOptions = { retentionDays: number; batchSize: number; now?: Date };
export type RetentionCounts = { notifications: number; deliveries: number; documents: number };

/**
 * Redacts the personal details of notifications older than the retention period, with their
 * deliveries and documents: contacts, names, address, message, personalisation and PDF bytes go;
 * ids, category, target, times and who acted stay. An item that needs action counts from when it
 * was resolved and is kept while it is not. At most `batchSize` notifications per run, oldest first;
 * each is stamped redactedAt, so a run never redoes one and the next run carries on. One transaction.
 */
export async function redactExpiredPersonalData(db: Database, options: RetentionOptions): Promise<RetentionCounts> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - options.retentionDays * 24 * 60 * 60 * 1000);
  return db.transaction(async (tx) => {
    const resolvedBefore = and(
      sql`${notifications.performedActionType} is not null`,
      sql`${notifications.performedActionType} <> 'IsRead'`,
      lt(notifications.performedActionDate, cutoff),
    );
    const due = await tx
      .select({ id: notifications.id })
      .from(notifications)
      .where(
        and(
          isNull(notifications.redactedAt),
          lt(notifications.createdAt, cutoff),
          or(isNull(notifications.sendAt), lt(notifications.sendAt, cutoff)),
          or(eq(notifications.requireAction, false), resolvedBefore),
        ),
      )
      .orderBy(asc(notifications.createdAt))
      .limit(options.batchSize)
      .for("update", { skipLocked: true });
    const ids = due.map((row) => row.id);
    const counts: RetentionCounts = { notifications: ids.length, deliveries: 0, documents: 0 };
    if (ids.length > 0) {
      await tx
        .update(notifications)
        .set({
          email: null,
          mobileNumber: null,
          userAsGiven: null,
          firstName: null,
          lastName: null,
          address: null,
          personalisation: null,
          message: sql`case when ${notifications.message} is null then null else ${redacted} end`,
          actionNote: sql`case when ${notifications.actionNote} is null then null else ${redacted} end`,
          redactedAt: now,
        })
        .where(inArray(notifications.id, ids));
      const redactedDeliveries = await tx
        .update(deliveries)
        .set({ personalisation: null, error: null, redactedAt: now })
        .where(and(inArray(deliveries.notificationId, ids), isNull(deliveries.redactedAt)))
        .returning({ id: deliveries.id });
      counts.deliveries = redactedDeliveries.length;
      const emptied = await tx
        .update(documents)
        .set(redactedDocument(now))
        .where(and(inArray(documents.notificationId, ids), isNull(documents.redactedAt)))
        .returning({ uid: documents.uid });
      counts.documents = emptied.length;
    }
    await recordRun(tx, now, counts);
    return counts;
  });
}

async function recordRun(tx: Database, now: Date, counts: RetentionCounts): Promise<void> {
  const redactedAny = counts.notifications > 0;
  await tx
    .insert(personalDataRetention)
    .values({
      lastRunAt: now,
      lastNotifications: counts.notifications,
      lastDeliveries: counts.deliveries,
      lastDocuments: counts.documents,
      totalNotifications: counts.notifications,
      totalDeliveries: counts.deliveries,
      totalDocuments: counts.documents,
      lastRedactedAt: redactedAny ? now : null,
    })
    .onConflictDoUpdate({
      target: personalDataRetention.singleton,
      set: {
        lastRunAt: now,
        lastNotifications: counts.notifications,
        lastDeliveries: counts.deliveries,
        lastDocuments: counts.documents,
        totalNotifications: sql`${personalDataRetention.totalNotifications} + ${counts.notifications}`,
        totalDeliveries: sql`${personalDataRetention.totalDeliveries} + ${counts.deliveries}`,
        totalDocuments: sql`${personalDataRetention.totalDocuments} + ${counts.documents}`,
        ...(redactedAny ? { lastRedactedAt: now } : {}),
      },
    });
}

/** What the outbox page reports: null until the first run. */
export async function getRetentionStatus(db: Database) {
  const [row] = await db.select().from(personalDataRetention);
  return row ?? null;
}
