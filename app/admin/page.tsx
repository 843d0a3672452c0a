import type { Metadata } from "next";
import Link from "next/link";
import { DeliveryCharts } from "@/components/operations/delivery-charts";
import { OperationsSummary } from "@/components/operations/operations-summary";
import {
  ActionItemsByTeam,
  Escalations,
  FailureReasons,
  NotifyHeadroom,
  QueueDepths,
} from "@/components/operations/operations-tables";
import { PageHeading } from "@/components/ui/page-heading";
import { getDb } from "@/db/runtime";
import { mayAdminister } from "@/lib/auth/policies";
import { getSettings } from "@/lib/config/settings";
import { authorizePage } from "@/lib/next-bridge/authorize-page";
import { requirePerson } from "@/lib/next-bridge/current-person";
import { getOperationsSnapshot } from "@/lib/operations/snapshot";

export const metadata: Metadata = { title: "Operations" };
export const dynamic = "force-dynamic";

export default async function OperationsPage() {
  const person = await requirePerson("/admin");
  authorizePage(person, mayAdminister);
  const settings = getSettings();
  const snapshot = await getOperationsSnapshot(await getDb(), {
    services: settings.notify.services,
    limitPerMinute: settings.delivery.rateLimitPerMinute,
  });
  return (
    <>
      <PageHeading caption="Administration">Operations</PageHeading>
      <p className="mb-6 max-w-3xl text-lg">
        How messages are going out, what is waiting and what is overdue. The same figures are served to monitoring at{" "}
        <code>/metrics</code>. Every message is in the <Link href="/admin/outbox">outbox</Link>.
      </p>
      <OperationsSummary snapshot={snapshot} />
      <DeliveryCharts days={snapshot.days} />
      <FailureReasons reasons={snapshot.failureReasons} />
      <NotifyHeadroom headroom={snapshot.headroom} />
      <QueueDepths queues={snapshot.queues} />
      <ActionItemsByTeam items={snapshot.actionItems} />
      <Escalations steps={snapshot.ruleSteps} />
    </>
  );
}
