"use client";

import Link from "next/link";
import { useState } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { Table, type TableColumn } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format/dates";
import type { NotificationResponse } from "@/lib/notifications/contract/responses";
import { AcknowledgeDialog, type AcknowledgeDraft } from "./acknowledge-dialog";
import { DeliveryStatuses } from "./delivery-statuses";
import {
  actionTypeLabels,
  categoryName,
  describeEscalation,
  describeRecipient,
  describeReminder,
  targetName,
  timelineHref,
} from "./describe-notification";
import { useNotificationQuery } from "./queries/use-notification-query";

type RecordedAction = NonNullable<NotificationResponse["actions"]>[number];

const trailColumns: TableColumn<RecordedAction>[] = [
  { header: "When", cell: (action) => formatDateTime(action.performedAt) },
  { header: "Who", cell: (action) => action.performedBy },
  { header: "Action", cell: (action) => actionTypeLabels[action.actionType] },
  { header: "Note", cell: (action) => action.actionNote ?? "" },
];

/** One notification in full: what it says, where it went, and every action anyone recorded. */
export function NotificationDetail({ initial, viewerId }: { initial: NotificationResponse; viewerId: string }) {
  const { data } = useNotificationQuery(initial.id, initial);
  const item = data ?? initial;
  const [dialogOpen, setDialogOpen] = useState(false);
  const [draft, setDraft] = useState<AcknowledgeDraft>({ note: "" });
  const about = timelineHref(item);
  const sentTo = describeRecipient(item, viewerId);
  const trail = item.actions ?? [];
  return (
    <div className="flex flex-col gap-6">
      <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[12rem_1fr]">
        <dt className="font-bold">Category</dt>
        <dd>{categoryName(item)}</dd>
        <dt className="font-bold">Received</dt>
        <dd>{formatDateTime(item.createdDate)}</dd>
        {sentTo ? (
          <>
            <dt className="font-bold">Sent to</dt>
            <dd>{sentTo}</dd>
          </>
        ) : null}
        {about && item.targetType ? (
          <>
            <dt className="font-bold">About</dt>
            <dd>
              <Link href={about}>{targetName(item.targetType)} activity timeline</Link>
            </dd>
          </>
        ) : null}
        <dt className="font-bold">Status</dt>
        <dd>
          {item.actionRequired
            ? "Waiting for someone to act"
            : item.performedActionType && item.performedActionType !== "IsRead"
              ? `${actionTypeLabels[item.performedActionType]} by ${item.performedActionDoneBy} at ${formatDateTime(item.performedActionDate!)}`
              : item.isReadStatus
                ? "Read"
                : "Unread"}
        </dd>
        {item.escalation || item.remindedAt ? (
          <>
            <dt className="font-bold">Escalation</dt>
            <dd>{describeEscalation(item) ?? describeReminder(item)}</dd>
          </>
        ) : null}
      </dl>
      <DeliveryStatuses deliveries={item.deliveries} />
      <div className="flex flex-wrap gap-4">
        {item.actionRequired ? <Button onClick={() => setDialogOpen(true)}>Record action</Button> : null}
        {item.actionUrl ? (
          <a href={item.actionUrl} className={buttonClasses(item.actionRequired ? "secondary" : "primary")}>
            {item.actionLabel ?? "Open"}
          </a>
        ) : null}
      </div>
      <section aria-labelledby="audit-trail">
        <h2 id="audit-trail" className="text-2xl font-bold">
          Audit trail
        </h2>
        {trail.length === 0 ? (
          <p className="mt-2">No one has recorded an action yet.</p>
        ) : (
          <Table
            caption="Every action recorded on this notification, oldest first"
            captionHidden
            columns={trailColumns}
            rows={trail}
            rowKey={(action, index) => `${action.performedAt}-${index}`}
            className="mt-2"
          />
        )}
      </section>
      {dialogOpen && item.actionRequired ? (
        <AcknowledgeDialog
          item={item}
          draft={draft}
          onDraftChange={setDraft}
          onClose={(outcome) => {
            if (outcome === "recorded") setDraft({ note: "" });
            setDialogOpen(false);
          }}
        />
      ) : null}
    </div>
  );
}
