import { asc, inArray, sql, type SQL } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";
import {
  activities,
  notificationActions,
  notifications,
  type Activity,
  type Delivery,
  type Notification,
  type NotificationAction,
} from "@/db/schema";
import { afterPosition, positionAt, readPaginationToken, toPage } from "@/lib/api/pagination";
import type { PersonCaller } from "@/lib/auth/caller";
import { deliveriesFor } from "@/lib/notifications/get-notification";
import { readableActivities } from "./readable-history";

export type TimelineEntry =
  | { kind: "activity"; id: string; activity: Activity }
  | {
      kind: "notification";
      id: string;
      notification: Notification;
      deliveries: Delivery[];
      actions: NotificationAction[];
    };

export const timelineFilters = ["all", "changes", "notifications"] as const;
export type TimelineFilter = (typeof timelineFilters)[number];

export type TimelineQuery = {
  /** Records whose changes to show (a tenure, a property, a person …); uuids. */
  targetIds: string[];
  /** Which notifications to weave in: the viewer's ones about these records, or all the viewer's. */
  notifications: "aboutTargets" | "allOfViewers";
  show: TimelineFilter;
  pageSize: number;
  paginationToken?: string;
};

/**
 * One chronological list, newest first, of the records' activity the viewer may read
 * (readableActivities: a record type their work covers, their own records) and the notifications
 * they may read (their own copies: their own and their teams' items), keyset-paged across both.
 */
export async function listTimeline(db: Database, viewer: PersonCaller, query: TimelineQuery) {
  const after = readPaginationToken(query.paginationToken);
  // Typed lists: activities.target_id is a uuid (so its index serves the lookup), notifications' is text.
  const targetUuids = listOf(query.targetIds, "uuid");
  const targetTexts = listOf(query.targetIds, "text");
  const activityKeys = { at: sql`created_at`, id: sql`id` };
  const receiptKeys = { at: sql`r.created_at`, id: sql`n.id` };
  const activityBranch = sql`
    select 'activity' as kind, id, created_at, ${positionAt(activityKeys.at)} as at from activities
    where target_id in (${targetUuids}) ${andAlso(readableActivities(viewer))}
      ${andAlso(afterPosition(activityKeys, after))}`;
  const notificationBranch = sql`
    select 'notification' as kind, n.id, r.created_at, ${positionAt(receiptKeys.at)} as at
    from notification_receipts r join notifications n on n.id = r.notification_id
    where r.user_id = ${viewer.id} and r.deleted_at is null and n.deleted_at is null
      ${query.notifications === "aboutTargets" ? sql`and n.target_id in (${targetTexts})` : sql``}
      ${andAlso(afterPosition(receiptKeys, after))}`;
  const branches =
    query.show === "changes"
      ? activityBranch
      : query.show === "notifications"
        ? notificationBranch
        : sql`${activityBranch} union all ${notificationBranch}`;
  const result = await db.execute(
    sql`select kind, id, at from (${branches}) as entries order by created_at desc, id desc limit ${query.pageSize + 1}`,
  );
  const rows = rowsOf<{ kind: "activity" | "notification"; id: string; at: string }>(result);
  const page = toPage(
    rows,
    query.pageSize,
    (row) => ({ at: row.at, id: row.id }),
    (row) => row,
  );
  return { entries: await loadEntries(db, page.results), nextToken: page.paginationDetails.nextToken };
}

/** The ids as a typed SQL list, or `null` (which matches nothing) when there are none. */
function listOf(ids: string[], type: "uuid" | "text"): SQL {
  return ids.length > 0
    ? sql.join(
        ids.map((id) => sql`${id}::${sql.raw(type)}`),
        sql`, `,
      )
    : sql`null`;
}

const andAlso = (condition: SQL | undefined) => (condition ? sql`and ${condition}` : sql``);

async function loadEntries(
  db: Database,
  page: { kind: "activity" | "notification"; id: string }[],
): Promise<TimelineEntry[]> {
  const activityIds = page.filter((row) => row.kind === "activity").map((row) => row.id);
  const notificationIds = page.filter((row) => row.kind === "notification").map((row) => row.id);
  const [activityRows, notificationRows, deliveryRows, actionRows] = await Promise.all([
    activityIds.length ? db.select().from(activities).where(inArray(activities.id, activityIds)) : [],
    notificationIds.length ? db.select().from(notifications).where(inArray(notifications.id, notificationIds)) : [],
    deliveriesFor(db, notificationIds),
    notificationIds.length
      ? db
          .select()
          .from(notificationActions)
          .where(inArray(notificationActions.notificationId, notificationIds))
          .orderBy(asc(notificationActions.performedAt))
      : [],
  ]);
  const activityById = new Map(activityRows.map((row) => [row.id, row]));
  const notificationById = new Map(notificationRows.map((row) => [row.id, row]));
  return page.flatMap((row): TimelineEntry[] => {
    if (row.kind === "activity") {
      const activity = activityById.get(row.id);
      return activity ? [{ kind: "activity", id: row.id, activity }] : [];
    }
    const notification = notificationById.get(row.id);
    if (!notification) return [];
    return [
      {
        kind: "notification",
        id: row.id,
        notification,
        deliveries: deliveryRows.filter((delivery) => delivery.notificationId === row.id),
        actions: actionRows.filter((action) => action.notificationId === row.id),
      },
    ];
  });
}
