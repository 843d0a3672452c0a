import type { DeliveryChannel, Notification, RecordableActionType } from "@/db/schema";
import { deliveryStatuses } from "@/lib/delivery/statuses";
import { derivedEventId } from "./event-id";
import type { PublishedEvent } from "./publish";

// The events about a notification and its emails, texts and letters (the catalogue's
// notification.* and delivery.updated), built from what the producers already hold. Each is heard
// by the client that created the notification (mayReadNotification).

/** What every event about a notification says of it, and who may hear it. */
export type NotificationFacts = Pick<
  Notification,
  "id" | "notificationType" | "category" | "targetType" | "targetId" | "serviceKey" | "createdByClientId"
>;

function aboutNotification(notification: NotificationFacts) {
  return {
    notificationId: notification.id,
    notificationType: notification.notificationType,
    category: notification.category,
    targetType: notification.targetType,
    targetId: notification.targetId,
    serviceKey: notification.serviceKey,
  };
}

const accessTo = (notification: NotificationFacts) =>
  ({ kind: "notification", createdByClientId: notification.createdByClientId }) as const;

/** notification.created; its id is the notification's. */
export function notificationCreatedEvent(
  notification: NotificationFacts & Pick<Notification, "requireAction" | "createdAt">,
): PublishedEvent {
  return {
    type: "notification.created",
    id: notification.id,
    at: notification.createdAt,
    data: {
      ...aboutNotification(notification),
      requireAction: notification.requireAction,
      createdAt: notification.createdAt.toISOString(),
    },
    access: accessTo(notification),
  };
}

export type RecordedAction = {
  /** The notification_actions row: the event's id. */
  id: string;
  actionType: RecordableActionType;
  actionNote: string | null;
  performedBy: string;
  performedAt: Date;
};

/** notification.actioned; its id is the audit trail's row for the action. */
export function notificationActionedEvent(notification: NotificationFacts, action: RecordedAction): PublishedEvent {
  return {
    type: "notification.actioned",
    id: action.id,
    at: action.performedAt,
    data: {
      ...aboutNotification(notification),
      actionType: action.actionType,
      actionNote: action.actionNote,
      performedBy: action.performedBy,
      performedAt: action.performedAt.toISOString(),
    },
    access: accessTo(notification),
  };
}

export type RecordedEscalation = {
  /** The notification_actions row for the Escalated step: the event's id. */
  actionId: string;
  escalatedAt: Date;
  escalatedTo: string;
  notActedOnFor: string;
};

/** notification.escalated; its id is the audit trail's row for the step. */
export function notificationEscalatedEvent(
  notification: NotificationFacts,
  escalation: RecordedEscalation,
): PublishedEvent {
  return {
    type: "notification.escalated",
    id: escalation.actionId,
    at: escalation.escalatedAt,
    data: {
      ...aboutNotification(notification),
      escalatedAt: escalation.escalatedAt.toISOString(),
      escalatedTo: escalation.escalatedTo,
      notActedOnFor: escalation.notActedOnFor,
    },
    access: accessTo(notification),
  };
}

export type DeliveryStatusChangeFacts = {
  /** delivery_status_events.id, a bigint: the event's id is derived from it. */
  statusEventId: number | string;
  deliveryId: string;
  channel: DeliveryChannel;
  status: string;
  reason: string | null;
  notifyId: string | null;
  at: Date;
};

/**
 * delivery.updated; its id is derived from the delivery's status-change row. Null for a status the
 * catalogue does not name (GOV.UK Notify adding one): the change is recorded, not published, rather
 * than failing the transaction that records it.
 */
export function deliveryUpdatedEvent(
  notification: NotificationFacts,
  change: DeliveryStatusChangeFacts,
): PublishedEvent | null {
  if (!deliveryStatuses.some((status) => status === change.status)) return null;
  return {
    type: "delivery.updated",
    id: derivedEventId("delivery-status", change.statusEventId),
    at: change.at,
    data: {
      ...aboutNotification(notification),
      deliveryId: change.deliveryId,
      channel: change.channel,
      status: change.status,
      reason: change.reason,
      notifyId: change.notifyId,
      updatedAt: change.at.toISOString(),
    },
    access: accessTo(notification),
  };
}
