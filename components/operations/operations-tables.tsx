import Link from "next/link";
import type { ReactNode } from "react";
import { channelNames } from "@/components/notifications/describe-notification";
import { Table } from "@/components/ui/table";
import { outboxHref } from "@/lib/delivery-outbox/outbox-href";
import { formatAge } from "@/lib/operations/format";
import type { OperationsSnapshot } from "@/lib/operations/snapshot";

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="mb-10">
      <h2 id={`${id}-heading`} className="mb-4 text-2xl font-bold">
        {title}
      </h2>
      {children}
    </section>
  );
}

const none = (text: string) => <p className="text-lg">{text}</p>;

export function FailureReasons({ reasons }: { reasons: OperationsSnapshot["failureReasons"] }) {
  return (
    <Section id="failures" title="Commonest failure reasons, last 14 days">
      {reasons.length === 0 ? (
        none("No message failed in the last 14 days.")
      ) : (
        <Table
          caption="Commonest failure reasons, last 14 days"
          captionHidden
          rows={reasons}
          rowKey={(row) => `${row.channel} ${row.status} ${row.reason}`}
          columns={[
            { header: "Reason", cell: (row) => row.reason, rowHeader: true },
            { header: "Channel", cell: (row) => channelNames[row.channel] },
            { header: "Status", cell: (row) => row.status },
            { header: "Messages", cell: (row) => row.count, numeric: true },
            {
              header: "Outbox",
              cell: (row) => (
                <Link href={outboxHref({ status: row.status, channel: row.channel })}>
                  Show in outbox<span className="sr-only">: {row.reason}</span>
                </Link>
              ),
            },
          ]}
        />
      )}
    </Section>
  );
}

export function NotifyHeadroom({ headroom }: { headroom: OperationsSnapshot["headroom"] }) {
  return (
    <Section id="headroom" title="GOV.UK Notify rate limit">
      <p className="mb-4 max-w-3xl text-lg">
        Requests sent to each Notify service, as every worker counts them together. The dispatcher keeps each second
        under its allowance, so the service&apos;s limit a minute is never reached.
      </p>
      <Table
        caption="GOV.UK Notify rate limit"
        captionHidden
        rows={headroom}
        rowKey={(row) => row.serviceKey}
        columns={[
          { header: "Service", cell: (row) => row.serviceKey, rowHeader: true },
          { header: "Sent in the last minute", cell: (row) => row.usedLastMinute, numeric: true },
          { header: "Limit a minute", cell: (row) => row.limitPerMinute, numeric: true },
          { header: "Headroom", cell: (row) => Math.max(0, row.limitPerMinute - row.usedLastMinute), numeric: true },
          { header: "Busiest second", cell: (row) => row.busiestSecond, numeric: true },
          { header: "Allowance a second", cell: (row) => row.perSecondQuota, numeric: true },
        ]}
      />
    </Section>
  );
}

export function QueueDepths({ queues }: { queues: OperationsSnapshot["queues"] }) {
  return (
    <Section id="queues" title="Queues">
      {queues.length === 0 ? (
        none("The job queue has not started yet.")
      ) : (
        <Table
          caption="Queues"
          captionHidden
          rows={queues}
          rowKey={(row) => row.queue}
          columns={[
            { header: "Queue", cell: (row) => row.queue, rowHeader: true, className: "font-mono" },
            { header: "Waiting", cell: (row) => row.ready, numeric: true },
            {
              header: "Oldest waiting",
              cell: (row) => (row.oldestReadySeconds === null ? "–" : formatAge(row.oldestReadySeconds)),
              numeric: true,
            },
            { header: "Scheduled for later", cell: (row) => row.deferred, numeric: true },
            { header: "Running", cell: (row) => row.active, numeric: true },
          ]}
        />
      )}
    </Section>
  );
}

export function ActionItemsByTeam({ items }: { items: OperationsSnapshot["actionItems"] }) {
  return (
    <Section id="action-items" title="Waiting for action, by team">
      {items.length === 0 ? (
        none("Nothing is waiting for action.")
      ) : (
        <Table
          caption="Waiting for action, by team"
          captionHidden
          rows={items}
          rowKey={(row) => row.owner}
          columns={[
            { header: "Team", cell: (row) => row.label, rowHeader: true },
            { header: "Items", cell: (row) => row.count, numeric: true },
            { header: "Oldest waiting", cell: (row) => formatAge(row.oldestSeconds), numeric: true },
          ]}
        />
      )}
    </Section>
  );
}

export function Escalations({ steps }: { steps: OperationsSnapshot["ruleSteps"] }) {
  return (
    <Section id="escalations" title="Escalations, last 7 days">
      <p className="mb-4 text-lg">
        The rules escalated {steps.escalated} {steps.escalated === 1 ? "item" : "items"} nobody acted on and sent{" "}
        {steps.reminded} {steps.reminded === 1 ? "reminder" : "reminders"}. <Link href="/admin/rules">Rules</Link>
      </p>
      {steps.escalatedTo.length > 0 ? (
        <Table
          caption="Escalations by whom they went to"
          captionHidden
          rows={steps.escalatedTo}
          rowKey={(row) => row.to}
          columns={[
            { header: "Escalated to", cell: (row) => row.to, rowHeader: true },
            { header: "Items", cell: (row) => row.count, numeric: true },
          ]}
        />
      ) : null}
    </Section>
  );
}
