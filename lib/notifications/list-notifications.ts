import { and, desc, eq, ilike, isNotNull, isNull, sql, type Placeholder, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { preparedQuery } from "@/db/prepared";
import { notificationReceipts as receipts, notifications, type Notification } from "@/db/schema";
import {
  afterPosition,
  positionAt,
  readPaginationToken,
  toPage,
  type KeysetPosition,
  type Page,
} from "@/lib/api/pagination";
import type { Caller, ClientCaller, PersonCaller } from "@/lib/auth/caller";
import { deliveriesFor } from "./get-notification";
import type { ListNotificationsQuery } from "./contract/list-notifications-query";
import type { NotificationResponse } from "./contract/responses";
import { linkReaderOf } from "./follow-on-link";
import { toNotificationResponse } from "./to-response";
import { firstReadTimes } from "./visibility";

// A search for "50%" means the text "50%", not "50 followed by anything".
const escapeLikePattern = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

// A notification's own deliveries are exactly one per channel flag it was stored with (people's
// preference copies are not among them, see deliveriesFor), so a page of screen-only items
// (most of an inbox) needs no deliveries query at all.
const idsWithDeliveries = (page: Notification[]) =>
  page
    .filter((row) => row.requireEmailNotification || row.requireSmsNotification || row.requireLetter)
    .map((row) => row.id);

/** The caller's notifications, newest first, keyset-paged: a person's inbox, or what a client created. */
export async function listNotifications(
  db: Database,
  caller: Caller,
  query: ListNotificationsQuery,
): Promise<Page<NotificationResponse>> {
  const after = readPaginationToken(query.paginationToken);
  return caller.kind === "person" ? listInbox(db, caller, query, after) : listCreatedBy(db, caller, query, after);
}

type NotificationFilters = Pick<
  ListNotificationsQuery,
  "notificationType" | "targetType" | "targetId" | "category" | "from" | "to" | "q"
>;

function notificationFilters(query: NotificationFilters): SQL[] {
  return [
    isNull(notifications.deletedAt),
    query.notificationType ? eq(notifications.notificationType, query.notificationType) : undefined,
    query.targetType ? eq(notifications.targetType, query.targetType) : undefined,
    query.targetId ? eq(notifications.targetId, query.targetId) : undefined,
    query.category ? eq(notifications.category, query.category) : undefined,
    query.from ? sql`${notifications.createdAt} >= ${query.from}::date` : undefined,
    query.to ? sql`${notifications.createdAt} < ${query.to}::date + 1` : undefined,
    query.q ? ilike(notifications.message, `%${escapeLikePattern(query.q)}%`) : undefined,
  ].filter((condition): condition is SQL => condition !== undefined);
}

function inboxStatusFilter(status: ListNotificationsQuery["status"]): SQL[] {
  switch (status) {
    case "all":
      return [isNull(receipts.archivedAt)];
    case "unread":
      return [isNull(receipts.readAt), isNull(receipts.archivedAt)];
    case "read":
      return [isNotNull(receipts.readAt), isNull(receipts.archivedAt)];
    case "actionRequired":
      return [eq(receipts.actionRequired, true), isNull(receipts.archivedAt)];
    case "archived":
      return [isNotNull(receipts.archivedAt)];
  }
}

type Value<T> = T | Placeholder;

/** One page of a person's inbox; values may be placeholders, for the prepared form below. */
function inboxPage(
  db: Database,
  {
    userId,
    status,
    filters,
    after,
    limit,
  }: {
    userId: Value<string>;
    status: ListNotificationsQuery["status"];
    filters: SQL[];
    after?: { at: Value<string>; id: Value<string> };
    limit: Value<number>;
  },
) {
  return db
    .select({
      notification: notifications,
      readAt: receipts.readAt,
      archivedAt: receipts.archivedAt,
      at: positionAt(receipts.createdAt),
    })
    .from(receipts)
    .innerJoin(notifications, eq(notifications.id, receipts.notificationId))
    .where(
      and(
        eq(receipts.userId, userId),
        isNull(receipts.deletedAt),
        ...inboxStatusFilter(status),
        ...filters,
        afterPosition({ at: receipts.createdAt, id: receipts.notificationId }, after),
      ),
    )
    .orderBy(desc(receipts.createdAt), desc(receipts.notificationId))
    .limit(limit);
}

/**
 * A tab of the inbox without search or filters, the request behind every inbox page load and
 * refresh: prepared once per tab and per first/later page (see preparedQuery).
 */
function preparedInboxPage(db: Database, status: ListNotificationsQuery["status"], later: boolean) {
  const name = `inbox_${status}_${later ? "later" : "first"}`;
  return preparedQuery(db, name, (database) =>
    inboxPage(database, {
      userId: sql.placeholder("userId"),
      status,
      filters: notificationFilters({}),
      after: later ? { at: sql.placeholder("at"), id: sql.placeholder("id") } : undefined,
      limit: sql.placeholder("limit"),
    }).prepare(name),
  );
}

async function listInbox(
  db: Database,
  caller: PersonCaller,
  query: ListNotificationsQuery,
  after: KeysetPosition | undefined,
) {
  const limit = query.pageSize + 1;
  const filters = notificationFilters(query);
  // Only the "not deleted" condition every list has: the plain inbox tab, prepared once.
  const rows =
    filters.length > 1
      ? await inboxPage(db, { userId: caller.id, status: query.status, filters, after, limit })
      : await preparedInboxPage(db, query.status, after !== undefined).execute({
          userId: caller.id,
          limit,
          at: after?.at,
          id: after?.id,
        });
  const pageDeliveries = await deliveriesFor(
    db,
    idsWithDeliveries(rows.slice(0, query.pageSize).map((row) => row.notification)),
  );
  return toPage(
    rows,
    query.pageSize,
    (row) => ({ at: row.at, id: row.notification.id }),
    (row) =>
      toNotificationResponse(
        row.notification,
        { readAt: row.readAt, archivedAt: row.archivedAt, reader: linkReaderOf(caller) },
        pageDeliveries,
      ),
  );
}

// What a client service counts as "read": any recipient has read it. Shared by its list and counts.
export const readByAnyone = sql`exists (select 1 from notification_receipts r where r.notification_id = ${notifications.id} and r.read_at is not null)`;

async function listCreatedBy(
  db: Database,
  caller: ClientCaller,
  query: ListNotificationsQuery,
  after: KeysetPosition | undefined,
) {
  const statusFilter: Record<ListNotificationsQuery["status"], SQL[]> = {
    all: [],
    unread: [sql`not ${readByAnyone}`],
    read: [readByAnyone],
    actionRequired: [eq(notifications.requireAction, true), isNull(notifications.performedActionType)],
    // Archiving is a person's own tidying; a service has nothing archived.
    archived: [sql`false`],
  };
  const rows = await db
    .select({ notification: notifications, at: positionAt(notifications.createdAt) })
    .from(notifications)
    .where(
      and(
        eq(notifications.createdByClientId, caller.id),
        ...statusFilter[query.status],
        ...notificationFilters(query),
        afterPosition({ at: notifications.createdAt, id: notifications.id }, after),
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(query.pageSize + 1);
  const page = rows.slice(0, query.pageSize).map((row) => row.notification);
  const [pageDeliveries, readTimes] = await Promise.all([
    deliveriesFor(db, idsWithDeliveries(page)),
    firstReadTimes(
      db,
      page.map((row) => row.id),
    ),
  ]);
  return toPage(
    rows,
    query.pageSize,
    (row) => ({ at: row.at, id: row.notification.id }),
    (row) =>
      toNotificationResponse(
        row.notification,
        { readAt: readTimes.get(row.notification.id) ?? null, archivedAt: null },
        pageDeliveries,
      ),
  );
}
