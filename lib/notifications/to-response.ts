import type { Delivery, Notification, NotificationAction } from "@/db/schema";
import { findCategory } from "@/lib/rules/categories";
import type { NotificationResponse } from "./contract/responses";
import type { Recipient } from "./contract/recipient";
import { followOnLinkFor, type LinkReader } from "./follow-on-link";

/**
 * What the caller's own copy says: a person's read/archived state; a client sees whether anyone
 * read it. `reader`: whose follow-on link to show (a resident's own history entry rather than a
 * staff timeline, see follow-on-link.ts); staff by default.
 */
export type CallerView = { readAt: Date | null; archivedAt: Date | null; reader?: LinkReader };

export function recipientOf(notification: Notification): Recipient | null {
  if (notification.recipientKind === "user" && notification.recipientUserId)
    return { userId: notification.recipientUserId };
  if (notification.recipientKind === "person" && notification.recipientPersonId)
    return { personId: notification.recipientPersonId };
  if (notification.recipientKind === "residents" && notification.recipientPropertyId)
    return { residentsOf: { propertyId: notification.recipientPropertyId } };
  if (notification.recipientKind === "team" && notification.recipientTeam) return { team: notification.recipientTeam };
  if (notification.recipientKind === "role" && notification.recipientRole) return { role: notification.recipientRole };
  return null;
}

/** Everyone it is addressed to, as the caller named them: a list's recipients, or the one recipient. */
export function recipientsOf(notification: Notification): Recipient[] {
  if (notification.recipientKind === "list")
    return (notification.recipients ?? []).map((stored) =>
      "personId" in stored ? { personId: stored.personId } : stored,
    );
  const recipient = recipientOf(notification);
  return recipient ? [recipient] : [];
}

function isActionRequired(notification: Pick<Notification, "requireAction" | "performedActionType">): boolean {
  return notification.requireAction && notification.performedActionType === null;
}

export function toNotificationResponse(
  notification: Notification,
  view: CallerView,
  deliveries: Delivery[],
  actions?: NotificationAction[],
): NotificationResponse {
  const category = notification.category ? findCategory(notification.category) : undefined;
  const own = deliveries.filter((delivery) => delivery.notificationId === notification.id);
  return {
    id: notification.id,
    targetId: notification.targetId,
    targetType: notification.targetType,
    notificationType: notification.notificationType,
    category: notification.category,
    message: notification.message,
    recipient: recipientOf(notification),
    user: notification.userAsGiven,
    recipients: recipientsOf(notification),
    serviceKey: notification.serviceKey,
    templateId: notification.templateId,
    email: notification.email,
    mobileNumber: notification.mobileNumber,
    firstName: notification.firstName,
    lastName: notification.lastName,
    personalisationParams: notification.personalisation,
    requireAction: notification.requireAction,
    requireEmailNotification: notification.requireEmailNotification,
    requireSmsNotification: notification.requireSmsNotification,
    requireLetter: notification.requireLetter,
    isReadStatus: view.readAt !== null,
    isArchived: view.archivedAt !== null,
    actionRequired: isActionRequired(notification),
    isRemovable: !isActionRequired(notification),
    actionNote: notification.actionNote,
    performedActionType: notification.performedActionType,
    performedActionDoneBy: notification.performedActionDoneBy,
    performedActionDate: notification.performedActionDate?.toISOString() ?? null,
    actionUrl: followOnLinkFor(notification, view.reader ?? "staff"),
    actionLabel: notification.actionUrl ? (category?.actionLabel ?? "Open") : null,
    sendAt: notification.sendAt?.toISOString() ?? null,
    createdDate: notification.createdAt.toISOString(),
    remindedAt: notification.remindedAt?.toISOString() ?? null,
    escalation: notification.escalatedAt
      ? {
          escalatedAt: notification.escalatedAt.toISOString(),
          escalatedTo: notification.escalatedTo ?? "managers",
          notActedOnFor: notification.escalatedAfter ?? "",
        }
      : null,
    deliveries: own.map((delivery) => ({
      channel: delivery.channel,
      status: delivery.status,
      notifyId: delivery.notifyId,
      sentAt: delivery.sentAt?.toISOString() ?? null,
      completedAt: delivery.completedAt?.toISOString() ?? null,
      error: delivery.error,
      documentId: delivery.documentId,
    })),
    sentMessageDetails: own.length === 0 ? null : own.map(sentMessageOf),
    ...(actions
      ? {
          actions: actions.map((action) => ({
            actionType: action.actionType,
            actionNote: action.actionNote,
            performedBy: action.performedBy,
            performedAt: action.performedAt.toISOString(),
            onBehalfOfUserId: action.onBehalfOfUserId,
          })),
        }
      : {}),
  };
}

/** One message as the seed's sentMessageDetails lists it: Notify's id, type and status. */
function sentMessageOf(delivery: Delivery) {
  return {
    id: delivery.notifyId,
    type: delivery.channel,
    status: delivery.status,
    sentAt: delivery.sentAt?.toISOString() ?? null,
    completedAt: delivery.completedAt?.toISOString() ?? null,
  };
}
