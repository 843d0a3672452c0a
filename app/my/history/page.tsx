import type { Metadata } from "next";
import { Timeline } from "@/components/activity/timeline";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeading } from "@/components/ui/page-heading";
import { loadTimelinePage } from "@/components/activity/load-timeline-page";
import { timelineSearchSchema } from "@/lib/activity/timeline-params";
import { requirePerson } from "@/lib/next-bridge/current-person";

export const metadata: Metadata = { title: "My history" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string>> };

// Everything queried here is narrowed to the signed-in resident's own person, tenure and inbox.
export default async function MyHistoryPage({ searchParams }: Props) {
  const viewer = await requirePerson("/my/history");
  const ownRecords = [viewer.personId, ...viewer.tenureIds].filter((id): id is string => id !== null);
  if (ownRecords.length === 0) {
    return (
      <>
        <PageHeading>My history</PageHeading>
        <EmptyState title="There is no tenancy linked to your account">
          <p>
            This page shows a resident&apos;s own rent, payments, repairs and letters. Staff open the history of the
            records their work covers from each record&apos;s timeline.
          </p>
        </EmptyState>
      </>
    );
  }
  const { show, page } = timelineSearchSchema.parse(await searchParams);
  const timeline = await loadTimelinePage(viewer, {
    targetIds: ownRecords,
    notifications: "allOfViewers",
    show,
    pageSize: 20,
    paginationToken: page,
  });
  return (
    <>
      <PageHeading caption={viewer.name}>My history</PageHeading>
      <p className="mb-6 max-w-3xl text-lg">
        Your rent, payments, adjustments and repairs, and the messages we have sent you, newest first.
      </p>
      <Timeline
        entries={timeline.entries}
        nextToken={timeline.nextToken}
        show={show}
        isFirstPage={!page}
        basePath="/my/history"
      />
    </>
  );
}
