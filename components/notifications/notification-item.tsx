"use client";

import Link from "next/link";
import { Button, buttonClasses } from "@/components/ui/button";
import { formatDateTime } from "@/lib/format/dates";
import type { NotificationResponse } from "@/lib/notifications/contract/responses";
import { DeliveryStatuses } from "./delivery-statuses";
import {
  actionTypeLabels,
  categoryName,
  describeAge,
  describeEscalation,
  describeRecipient,
  describeReminder,
  targetName,
  timelineHref,
} from "./describe-notification";
import { useReceiptMutation } from "./queries/use-receipt-mutation";

/** One inbox entry: what it is, what it is about, who it went to, and what can be done with it. */
export function NotificationItem({
  item,
  viewerId,
  onAcknowledge,
}: {
  item: NotificationResponse;
  viewerId: string;
  onAcknowledge: () => void;
}) {
  const receipt = useReceiptMutation();
  const headingId = `notification-${item.id}`;
  const about = timelineHref(item);
  const sentTo = describeRecipient(item, viewerId);
  const acted = item.performedActionType && item.performedActionType !== "IsRead" ? item.performedActionType : null;
  const escalated = describeEscalation(item);
  // Once escalated, the escalation says it all; the reminder before it is in the audit trail.
  const reminder = escalated ? undefined : describeReminder(item);
  return (
    <li>
      <article
        aria-labelledby={headingId}
        className={`border-l-8 bg-white p-4 shadow-[0_1px_0_#b1b4b6] ${item.isReadStatus ? "border-border" : "border-brand"}`}
      >
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span className="font-semibold uppercase tracking-wide text-muted">{categoryName(item)}</span>
          {!item.isReadStatus ? <span className="bg-brand px-2 font-bold text-white">Unread</span> : null}
          {item.actionRequired ? <span className="bg-focus px-2 font-bold text-ink">Needs action</span> : null}
        </div>
        <h3 id={headingId} className="mt-1 text-lg font-bold">
          <Link href={`/notifications/${item.id}`} className="text-ink hover:text-brand-dark">
            {item.message ?? `${item.notificationType} notification`}
          </Link>
        </h3>
        <p className="mt-1 text-sm text-muted">
          <time dateTime={item.createdDate} title={formatDateTime(item.createdDate)} suppressHydrationWarning>
            {describeAge(item.createdDate)}
          </time>
          {sentTo ? ` · sent to ${sentTo}` : ""}
          {about && item.targetType ? (
            <>
              {" · about "}
              <Link href={about}>
                this {targetName(item.targetType).toLowerCase()}
                <span className="sr-only"> (activity timeline)</span>
              </Link>
            </>
          ) : null}
        </p>
        {escalated ? (
          <p className="mt-2 font-semibold text-danger" data-testid="escalation">
            {escalated}
          </p>
        ) : null}
        {reminder ? (
          <p className="mt-2 font-semibold" data-testid="reminder">
            {reminder}
          </p>
        ) : null}
        {acted ? (
          <p className="mt-2 font-semibold text-success">
            {actionTypeLabels[acted]} by {item.performedActionDoneBy} at {formatDateTime(item.performedActionDate!)}
            {item.actionNote ? <span className="font-normal text-ink">: “{item.actionNote}”</span> : null}
          </p>
        ) : null}
        <div className="mt-2">
          <DeliveryStatuses deliveries={item.deliveries} />
        </div>
        <div className="mt-3 flex flex-wrap items-center gap-3">
          {item.actionRequired ? (
            <Button onClick={onAcknowledge}>
              Record action<span className="sr-only">: {item.message}</span>
            </Button>
          ) : null}
          {item.actionUrl ? (
            <a href={item.actionUrl} className={buttonClasses(item.actionRequired ? "secondary" : "primary")}>
              {item.actionLabel ?? "Open"}
            </a>
          ) : null}
          <Button variant="link" onClick={() => receipt.mutate({ id: item.id, read: !item.isReadStatus })}>
            {item.isReadStatus ? "Mark as unread" : "Mark as read"}
            <span className="sr-only">: {item.message}</span>
          </Button>
          <Button variant="link" onClick={() => receipt.mutate({ id: item.id, archived: !item.isArchived })}>
            {item.isArchived ? "Move back to inbox" : "Archive"}
            <span className="sr-only">: {item.message}</span>
          </Button>
        </div>
        {receipt.isError ? (
          <p role="alert" className="mt-2 font-semibold text-danger">
            That change did not save: {receipt.error.message}
          </p>
        ) : null}
      </article>
    </li>
  );
}
