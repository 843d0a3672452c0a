import { and, eq, inArray, isNull, max } from "drizzle-orm";
import type { Database } from "@/db/client";
import { notificationReceipts, notifications, type Notification } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import type { CallerView } from "./to-response";

export type VisibleNotification = { notification: Notification; view: CallerView };

/**
 * The notification if this caller may see it: a person through their own receipt (their own and
 * their teams' items), a client service if it created it. Anything else is null, so a wrong id
 * and someone else's id look the same.
 */
export async function findVisibleNotification(
  db: Database,
  caller: Caller,
  id: string,
): Promise<VisibleNotification | null> {
  if (caller.kind === "person") {
    const [row] = await db
      .select({
        notification: notifications,
        readAt: notificationReceipts.readAt,
        archivedAt: notificationReceipts.archivedAt,
      })
      .from(notificationReceipts)
      .innerJoin(notifications, eq(notifications.id, notificationReceipts.notificationId))
      .where(
        and(
          eq(notificationReceipts.userId, caller.id),
          eq(notificationReceipts.notificationId, id),
          isNull(notificationReceipts.deletedAt),
          isNull(notifications.deletedAt),
        ),
      );
    return row ? { notification: row.notification, view: { readAt: row.readAt, archivedAt: row.archivedAt } } : null;
  }
  const [notification] = await db
    .select()
    .from(notifications)
    .where(
      and(eq(notifications.id, id), eq(notifications.createdByClientId, caller.id), isNull(notifications.deletedAt)),
    );
  if (!notification) return null;
  const readAt = await firstReadTimes(db, [id]);
  return { notification, view: { readAt: readAt.get(id) ?? null, archivedAt: null } };
}

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
