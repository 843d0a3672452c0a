import type { ReactNode } from "react";
import type { OperationsSnapshot } from "@/lib/operations/snapshot";
import { formatAge, formatRate } from "@/lib/operations/format";

function Figure({ label, value, detail }: { label: string; value: ReactNode; detail?: ReactNode }) {
  return (
    <div className="border-l-4 border-brand bg-panel p-4">
      <dt className="text-lg">{label}</dt>
      <dd className="text-3xl font-bold tabular-nums">{value}</dd>
      {detail ? <dd className="text-muted">{detail}</dd> : null}
    </div>
  );
}

/** The headline figures, as a description list: readable with or without the charts. */
export function OperationsSummary({ snapshot }: { snapshot: OperationsSnapshot }) {
  const ready = snapshot.queues.reduce((sum, queue) => sum + queue.ready, 0);
  const oldestReady = Math.max(-1, ...snapshot.queues.map((queue) => queue.oldestReadySeconds ?? -1));
  const openItems = snapshot.actionItems.reduce((sum, items) => sum + items.count, 0);
  const oldestItem = Math.max(-1, ...snapshot.actionItems.map((items) => items.oldestSeconds));
  const sentLastMinute = snapshot.headroom.reduce((sum, service) => sum + service.usedLastMinute, 0);
  const limit = snapshot.headroom.reduce((sum, service) => sum + service.limitPerMinute, 0);
  return (
    <section aria-labelledby="summary-heading" className="mb-10">
      <h2 id="summary-heading" className="sr-only">
        At a glance
      </h2>
      <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <Figure
          label="Messages in the last 24 hours"
          value={snapshot.lastDay.total}
          detail={`${snapshot.lastDay.byOutcome.failed} failed (${formatRate(snapshot.lastDay.failureRate)})`}
        />
        <Figure
          label="Failure rate, last 14 days"
          value={formatRate(snapshot.window.failureRate)}
          detail={`${snapshot.window.byOutcome.failed} of ${snapshot.window.byOutcome.failed + snapshot.window.byOutcome.delivered} finished messages`}
        />
        <Figure
          label="GOV.UK Notify requests, last minute"
          value={sentLastMinute}
          detail={`of ${limit} allowed a minute`}
        />
        <Figure
          label="Jobs waiting for a worker"
          value={ready}
          detail={oldestReady >= 0 ? `oldest waiting ${formatAge(oldestReady)}` : "none waiting"}
        />
        <Figure
          label="Items waiting for action"
          value={openItems}
          detail={oldestItem >= 0 ? `oldest ${formatAge(oldestItem)} old` : "none waiting"}
        />
        <Figure
          label="Escalations, last 7 days"
          value={snapshot.ruleSteps.escalated}
          detail={`and ${snapshot.ruleSteps.reminded} reminders`}
        />
      </dl>
    </section>
  );
}
