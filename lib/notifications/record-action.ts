import { and, eq, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { notificationActions, notificationReceipts, notifications, type Notification } from "@/db/schema";
import { recordActivities } from "@/lib/activity/record-activity";
import { ApiError } from "@/lib/api/errors";
import { actorOf } from "@/lib/auth/actor";
import type { Caller } from "@/lib/auth/caller";
import { authorize, mayActOnNotification, mayMarkReadForRecipients } from "@/lib/auth/policies";
import { formatDateTime } from "@/lib/format/dates";
import { recordNotificationEvent } from "@/lib/realtime/record-event";
import { notificationActionedEvent } from "@/lib/subscriptions/notification-events";
import { publishEvents } from "@/lib/subscriptions/publish";
import { findVisibleNotificationOrThrow, getNotificationOrThrow } from "./get-notification";
import { markReadForRecipients, type RecipientsMarkedRead } from "./mark-read-for-recipients";
import type { CallerView } from "./to-response";
import type { NotificationResponse } from "./contract/responses";
import type { RecordActionBody } from "./contract/item-requests";

/**
 * Records what someone did about a notification, in the caller's transaction: one append-only
 * audit row, the latest action on the notification, and an activity-history entry.
 * An item that needs action is claimed by the first person to act: it leaves every colleague's
 * "action required" list, and only the claimant may record further actions on it.
 * IsRead marks a person's own copy read; from a client service, the copy of the recipient it names
 * (onBehalfOf) or, naming nobody, every recipient's, as the seed's single isReadStatus implies.
 */
export async function recordNotificationAction(
  tx: Database,
  caller: Caller,
  id: string,
  body: RecordActionBody,
): Promise<NotificationResponse> {
  const { notification: before, view } = await findVisibleNotificationOrThrow(tx, caller, id);
  authorize(caller, mayActOnNotification, body.actionType);
  // A service's IsRead marks its recipients' copies; a person's, their own (below).
  const forRecipients = body.actionType === "IsRead" && (caller.kind === "client" || body.onBehalfOf !== undefined);
  if (forRecipients) authorize(caller, mayMarkReadForRecipients);
  const actor = actorOf(caller);
  const now = new Date();
  const markedRead = forRecipients ? await markReadForRecipients(tx, id, body.onBehalfOf, now) : null;

  if (body.actionType !== "IsRead") {
    const sameActor: SQL = actor.userId
      ? eq(notifications.performedActionUserId, actor.userId)
      : eq(notifications.performedActionClientId, actor.clientId!);
    const [updated] = await tx
      .update(notifications)
      .set({
        performedActionType: body.actionType,
        actionNote: body.actionNote ?? null,
        performedActionDoneBy: actor.name,
        performedActionUserId: actor.userId,
        performedActionClientId: actor.clientId,
        performedActionDate: now,
      })
      .where(
        and(
          eq(notifications.id, id),
          isNull(notifications.deletedAt),
          or(eq(notifications.requireAction, false), isNull(notifications.performedActionType), sameActor),
        ),
      )
      .returning();
    if (!updated) throw await alreadyClaimed(tx, id);
    if (updated.requireAction) {
      await tx
        .update(notificationReceipts)
        .set({ actionRequired: false })
        .where(and(eq(notificationReceipts.notificationId, id), eq(notificationReceipts.actionRequired, true)));
    }
  }
  if (caller.kind === "person") {
    await tx
      .update(notificationReceipts)
      .set({ readAt: sql`coalesce(${notificationReceipts.readAt}, ${now.toISOString()}::timestamptz)` })
      .where(and(eq(notificationReceipts.notificationId, id), eq(notificationReceipts.userId, caller.id)));
  }
  const [action] = await tx
    .insert(notificationActions)
    .values({
      notificationId: id,
      actionType: body.actionType,
      actionNote: body.actionNote ?? null,
      performedBy: actor.name,
      performedByUserId: actor.userId,
      performedByClientId: actor.clientId,
      onBehalfOfUserId: markedRead?.onBehalfOf?.id ?? null,
      performedAt: now,
    })
    .returning({ id: notificationActions.id });
  await recordActivities(tx, caller, [
    {
      targetType: "notification",
      targetId: id,
      type: "update",
      createdAt: now,
      ...(body.actionType === "IsRead"
        ? readChange(view, markedRead)
        : {
            oldData: actionFields(before),
            newData: {
              performedActionType: body.actionType,
              actionNote: body.actionNote ?? null,
              performedActionDoneBy: actor.name,
            },
          }),
      onBehalfOf: markedRead?.onBehalfOf ?? null,
      sourceDomain: "Notifications",
    },
  ]);
  // Marking read changes only the reader's copy (the person's own, or the one a service named);
  // a service's IsRead for every recipient, or any other action, changes the item for everyone.
  const onlyReader =
    body.actionType !== "IsRead" ? undefined : caller.kind === "person" ? caller.id : markedRead?.onBehalfOf?.id;
  await recordNotificationEvent(tx, { type: "notification.updated", notificationId: id, userId: onlyReader });
  await publishEvents(tx, [
    notificationActionedEvent(before, {
      id: action!.id,
      actionType: body.actionType,
      actionNote: body.actionNote ?? null,
      performedBy: actor.name,
      performedAt: now,
    }),
  ]);
  return getNotificationOrThrow(tx, caller, id);
}

/** What an IsRead changed, as its activity-history entry says: one copy (the caller's or the one named), or every recipient's. */
function readChange(view: CallerView, markedRead: RecipientsMarkedRead | null) {
  if (!markedRead) return { oldData: { isReadStatus: view.readAt !== null }, newData: { isReadStatus: true } };
  const newData = markedRead.onBehalfOf
    ? { isReadStatus: true }
    : { isReadStatus: true, markedReadFor: "every recipient", copiesMarkedRead: markedRead.newlyRead };
  return { oldData: { isReadStatus: markedRead.wasRead }, newData };
}

function actionFields(notification: Notification) {
  return {
    performedActionType: notification.performedActionType,
    actionNote: notification.actionNote,
    performedActionDoneBy: notification.performedActionDoneBy,
  };
}

async function alreadyClaimed(tx: Database, id: string): Promise<ApiError> {
  const [current] = await tx.select().from(notifications).where(eq(notifications.id, id));
  if (!current || current.deletedAt) return new ApiError("not_found", "No notification with this id is visible to you");
  const when = current.performedActionDate ? formatDateTime(current.performedActionDate) : "an earlier time";
  return new ApiError(
    "conflict",
    `${current.performedActionDoneBy ?? "Someone else"} already recorded ${current.performedActionType} on this at ${when}`,
  );
}
