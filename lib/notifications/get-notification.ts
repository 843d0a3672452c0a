import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { preparedQuery } from "@/db/prepared";
import { deliveries, notificationActions, type Delivery } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import type { Caller } from "@/lib/auth/caller";
import type { NotificationResponse } from "./contract/responses";
import { toNotificationResponse } from "./to-response";
import { findVisibleNotification, type VisibleNotification } from "./visibility";

export async function findVisibleNotificationOrThrow(
  db: Database,
  caller: Caller,
  id: string,
): Promise<VisibleNotification> {
  const visible = await findVisibleNotification(db, caller, id);
  if (!visible) throw new ApiError("not_found", "No notification with this id is visible to you");
  return visible;
}

/** One notification with its deliveries and its whole audit trail, oldest action first. */
export async function getNotificationOrThrow(db: Database, caller: Caller, id: string): Promise<NotificationResponse> {
  const notification = await getNotification(db, caller, id);
  if (!notification) throw new ApiError("not_found", "No notification with this id is visible to you");
  return notification;
}

/** As getNotificationOrThrow, or null when the caller may not see it. */
export async function getNotification(db: Database, caller: Caller, id: string): Promise<NotificationResponse | null> {
  const visible = await findVisibleNotification(db, caller, id);
  if (!visible) return null;
  const { notification, view } = visible;
  const [notificationDeliveries, actions] = await Promise.all([
    deliveriesFor(db, [id]),
    db
      .select()
      .from(notificationActions)
      .where(eq(notificationActions.notificationId, id))
      .orderBy(asc(notificationActions.performedAt)),
  ]);
  return toNotificationResponse(notification, view, notificationDeliveries, actions);
}

// Asked for by every inbox page with an email, text or letter on it, so built once (see preparedQuery).
const ownDeliveries = (db: Database) =>
  db
    .select()
    .from(deliveries)
    .where(
      and(
        sql`${deliveries.notificationId} = any(${sql.placeholder("notificationIds")}::uuid[])`,
        eq(deliveries.preferenceCopy, false),
      ),
    )
    .orderBy(asc(deliveries.createdAt))
    .prepare("own_deliveries");

/** The notification's own deliveries (one per channel and person reached); people's preference copies are theirs alone. */
export async function deliveriesFor(db: Database, notificationIds: string[]): Promise<Delivery[]> {
  if (notificationIds.length === 0) return [];
  return preparedQuery(db, "ownDeliveries", ownDeliveries).execute({ notificationIds });
}
