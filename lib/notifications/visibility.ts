import { and, eq, inArray, isNull, max, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { notificationReceipts, notifications, type Notification } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { mayReadNotification, type NotificationAccess } from "@/lib/auth/policies";
import { linkReaderOf } from "./follow-on-link";
import type { CallerView } from "./to-response";

export type VisibleNotification = { notification: Notification; view: CallerView };

/**
 * The notification if this caller may read it (mayReadNotification: a person through their own
 * receipt, a client service if it created it). Anything else is null, so a wrong id and someone
 * else's id look the same.
 */
export async function findVisibleNotification(
  db: Database,
  caller: Caller,
  id: string,
): Promise<VisibleNotification | null> {
  const [row] = await db
    .select({
      notification: notifications,
      receiptHolder: notificationReceipts.userId,
      readAt: notificationReceipts.readAt,
      archivedAt: notificationReceipts.archivedAt,
    })
    .from(notifications)
    .leftJoin(notificationReceipts, receiptOf(caller))
    .where(and(eq(notifications.id, id), isNull(notifications.deletedAt)));
  if (!row) return null;
  const access = { createdByClientId: row.notification.createdByClientId, holdsReceipt: row.receiptHolder !== null };
  if (!mayReadNotification(caller, access)) return null;
  if (caller.kind === "person") {
    return {
      notification: row.notification,
      view: { readAt: row.readAt, archivedAt: row.archivedAt, reader: linkReaderOf(caller) },
    };
  }
  const readAt = await firstReadTimes(db, [id]);
  return { notification: row.notification, view: { readAt: readAt.get(id) ?? null, archivedAt: null } };
}

/**
 * The facts mayReadNotification weighs about one notification (lib/auth/policies.ts), for policies
 * that build on it such as mayReadHistory; null when there is no such notification or it was deleted.
 */
export async function findNotificationAccess(
  db: Database,
  caller: Caller,
  id: string,
): Promise<NotificationAccess | null> {
  const [row] = await db
    .select({ createdByClientId: notifications.createdByClientId, receiptHolder: notificationReceipts.userId })
    .from(notifications)
    .leftJoin(notificationReceipts, receiptOf(caller))
    .where(and(eq(notifications.id, id), isNull(notifications.deletedAt)));
  return row ? { createdByClientId: row.createdByClientId, holdsReceipt: row.receiptHolder !== null } : null;
}

// The caller's own live receipt for the notification joined to; only people hold receipts.
const receiptOf = (caller: Caller) =>
  and(
    eq(notificationReceipts.notificationId, notifications.id),
    caller.kind === "person" ? eq(notificationReceipts.userId, caller.id) : sql`false`,
    isNull(notificationReceipts.deletedAt),
  );

/** For client services: when anyone first read each notification. */
export async function firstReadTimes(db: Database, ids: string[]): Promise<Map<string, Date>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: notificationReceipts.notificationId, readAt: max(notificationReceipts.readAt) })
    .from(notificationReceipts)
    .where(inArray(notificationReceipts.notificationId, ids))
    .groupBy(notificationReceipts.notificationId);
  return new Map(rows.filter((row) => row.readAt !== null).map((row) => [row.id, row.readAt!]));
}
