import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";
import { activityTargetTypes, type ActivityTargetType, type Notification } from "@/db/schema";
import { recordActivities, type ActivityEntry } from "@/lib/activity/record-activity";
import type { ClientCaller } from "@/lib/auth/caller";
import { recordNotificationEvents } from "@/lib/realtime/record-event";
import { notificationEscalatedEvent } from "@/lib/subscriptions/notification-events";
import { publishEvents } from "@/lib/subscriptions/publish";
import { uuidPattern } from "@/lib/format/uuid";

/** One escalation-rule step taken on an item, as its audit trail, its history and live inboxes see it. */
export type StepRecord = {
  item: Notification;
  actionType: "Reminded" | "Escalated";
  note: string;
  newData: Record<string, unknown>;
  /** An Escalated step's audience and wait, as subscribers to notification.escalated hear them. */
  escalation?: { escalatedTo: string; notActedOnFor: string };
};

/** The step on the item's own history, and on the timeline of the record it is about (when that has one). */
function stepActivities({ item, newData }: StepRecord, now: Date): ActivityEntry[] {
  const onItem: ActivityEntry = {
    targetType: "notification",
    targetId: item.id,
    type: "update",
    createdAt: now,
    newData,
    sourceDomain: "Notifications",
  };
  const target = item.targetType as ActivityTargetType;
  const hasTimeline = item.targetId !== null && uuidPattern.test(item.targetId) && activityTargetTypes.includes(target);
  if (!hasTimeline || target === "notification") return [onItem];
  return [
    onItem,
    { ...onItem, targetType: target, targetId: item.targetId!, newData: { notificationId: item.id, ...newData } },
  ];
}

/**
 * Records a batch of steps in the transaction that takes them, three statements however many: the
 * audit trail's actions, the activities (on each item and its record's timeline), the live events;
 * and the escalations published to subscribers (issue 13), whose event ids are the actions' rows.
 */
export async function recordSteps(
  tx: Database,
  run: { caller: ClientCaller; now: Date },
  records: StepRecord[],
): Promise<void> {
  if (records.length === 0) return;
  // One JSON parameter rather than six a row: a thousand rows' parameters cost more to bind than
  // the insert itself (measured on the bench database).
  const actions = records.map(({ item, actionType, note }) => ({
    notification_id: item.id,
    action_type: actionType,
    note,
  }));
  const inserted = rowsOf<{ id: string; notification_id: string; action_type: string }>(
    await tx.execute(sql`
    insert into notification_actions (notification_id, action_type, action_note, performed_by,
      performed_by_client_id, performed_at)
    select a.notification_id, a.action_type, a.note, ${run.caller.name}, ${run.caller.id}::uuid,
      ${run.now.toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(actions)}::jsonb) as a(notification_id uuid, action_type action_type, note text)
    returning id, notification_id, action_type`),
  );
  await recordActivities(
    tx,
    run.caller,
    records.flatMap((record) => stepActivities(record, run.now)),
  );
  await recordNotificationEvents(
    tx,
    records.map(({ item }) => ({ type: "notification.updated", notificationId: item.id })),
  );
  const actionIds = new Map(inserted.map((row) => [`${row.notification_id}:${row.action_type}`, row.id]));
  await publishEvents(
    tx,
    records.flatMap(({ item, actionType, escalation }) =>
      actionType === "Escalated" && escalation
        ? [
            notificationEscalatedEvent(item, {
              actionId: actionIds.get(`${item.id}:Escalated`)!,
              escalatedAt: run.now,
              ...escalation,
            }),
          ]
        : [],
    ),
    run.now,
  );
}
