import { and, eq, inArray, notInArray, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { activities, notificationReceipts, notifications } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { directoryHistoryTypes, hasPermission, historyTypesCovered } from "@/lib/auth/permissions";
import type { HistoryRecord } from "@/lib/auth/policies";
import { findNotificationAccess } from "@/lib/notifications/visibility";

/**
 * mayReadHistory (lib/auth/policies.ts) asked of every row of `activities` at once, as a condition
 * for lists and exports: filtering in SQL keeps pages full and paging correct. Undefined means
 * every row (history:read-any). readable-history.test.ts holds the two to the same answers.
 */
export function readableActivities(caller: Caller): SQL | undefined {
  if (hasPermission(caller, "history:read-any")) return undefined;
  const covered = historyTypesCovered(caller).filter((type) => type !== "notification");
  const ownRecords =
    caller.kind === "person" ? [caller.personId, ...caller.tenureIds].filter((id): id is string => id !== null) : [];
  return or(
    covered.length > 0 ? inArray(activities.targetType, covered) : undefined,
    ownRecords.length > 0
      ? and(
          notInArray(activities.targetType, ["notification", ...directoryHistoryTypes]),
          inArray(activities.targetId, ownRecords),
        )
      : undefined,
    and(eq(activities.targetType, "notification"), readableNotification(caller)),
  );
}

// mayReadNotification: a person through their own receipt, a client service if it created it; never a deleted one.
function readableNotification(caller: Caller): SQL {
  if (caller.kind === "person") {
    return sql`exists (select 1 from ${notificationReceipts} r join ${notifications} n on n.id = r.notification_id
      where r.notification_id = ${activities.targetId} and r.user_id = ${caller.id}
        and r.deleted_at is null and n.deleted_at is null)`;
  }
  return sql`exists (select 1 from ${notifications} n
    where n.id = ${activities.targetId} and n.created_by_client_id = ${caller.id} and n.deleted_at is null)`;
}

/** The facts mayReadHistory weighs about one record: for a notification, how the caller stands to it. */
export async function findHistoryRecord(
  db: Database,
  caller: Caller,
  record: { targetType: string; targetId: string },
): Promise<HistoryRecord> {
  if (record.targetType !== "notification") return record;
  return { ...record, notification: await findNotificationAccess(db, caller, record.targetId) };
}
