import type { Delivery, Notification, NotificationAction } from "@/db/schema";
import { formatDateTime } from "@/lib/format/dates";
import { findCategory } from "@/lib/rules/categories";

import { DeliveryStatuses } from "@/components/notifications/delivery-statuses";
import { actionTypeLabels } from "@/components/notifications/describe-notification";

export function NotificationEntry({
  notification,
  deliveries,
  actions,
}: {
  notification: Notification;
  deliveries: Delivery[];
  actions: NotificationAction[];
}) {
  const category = notification.category ? findCategory(notification.category)?.name : undefined;
  const acknowledgements = actions.filter((action) => action.actionType !== "IsRead");
  return (
    <article aria-labelledby={`entry-${notification.id}`} className="border-l-4 border-brand py-1 pl-4">
      <h3 id={`entry-${notification.id}`} className="text-lg font-bold">
        Notification{category ? `: ${category}` : ""}
      </h3>
      <p className="text-sm text-muted">
        <time dateTime={notification.createdAt.toISOString()}>{formatDateTime(notification.createdAt)}</time>
        {notification.recipientTeam ? ` · to the ${notification.recipientTeam} team` : ""}
      </p>
      {notification.message ? <p className="mt-1">{notification.message}</p> : null}
      <div className="mt-1">
        <DeliveryStatuses deliveries={deliveries} />
      </div>
      {acknowledgements.length > 0 ? (
        <ul aria-label="Actions" className="mt-1">
          {acknowledgements.map((action) => (
            <li key={action.id}>
              <b>{actionTypeLabels[action.actionType]}</b> by {action.performedBy} at{" "}
              {formatDateTime(action.performedAt)}
              {action.actionNote ? `: “${action.actionNote}”` : ""}
            </li>
          ))}
        </ul>
      ) : notification.requireAction ? (
        <p className="mt-1 font-semibold">Waiting for action</p>
      ) : null}
    </article>
  );
}
