"use client";

import Link from "next/link";
import { useState } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { formatDateTime } from "@/lib/format/dates";
import type { NotificationResponse } from "@/lib/notifications/schemas";
import { AcknowledgeDialog, type AcknowledgeDraft } from "./acknowledge-dialog";
import { DeliveryStatuses } from "./delivery-statuses";
import { actionTypeLabels, categoryName, describeRecipient, targetName, timelineHref } from "./describe-notification";
import { useNotificationQuery } from "./queries/use-notification-query";

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
          <div className="mt-2 overflow-x-auto">
            <table className="w-full border-collapse text-left">
              <caption className="sr-only">Every action recorded on this notification, oldest first</caption>
              <thead>
                <tr className="border-b-2 border-ink">
                  <th scope="col" className="py-2 pr-4">
                    When
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    Who
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    Action
                  </th>
                  <th scope="col" className="py-2">
                    Note
                  </th>
                </tr>
              </thead>
              <tbody>
                {trail.map((action, index) => (
                  <tr key={`${action.performedAt}-${index}`} className="border-b border-border">
                    <td className="py-2 pr-4">{formatDateTime(action.performedAt)}</td>
                    <td className="py-2 pr-4">{action.performedBy}</td>
                    <td className="py-2 pr-4">{actionTypeLabels[action.actionType]}</td>
                    <td className="py-2">{action.actionNote ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
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
