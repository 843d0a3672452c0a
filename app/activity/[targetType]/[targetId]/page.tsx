import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Timeline } from "@/components/activity/timeline";
import { PageHeading } from "@/components/ui/page-heading";
import { loadTimelinePage } from "@/components/activity/load-timeline-page";
import { getDb } from "@/db/runtime";
import { findHistoryRecord } from "@/lib/activity/readable-history";
import { historyTargetTypeNames, timelineParamsSchema, timelineSearchSchema } from "@/lib/activity/timeline-params";
import { mayReadHistory } from "@/lib/auth/policies";
import { authorizePage } from "@/lib/next-bridge/authorize-page";
import { requirePerson } from "@/lib/next-bridge/current-person";

export const metadata: Metadata = { title: "Activity history" };
export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ targetType: string; targetId: string }>;
  searchParams: Promise<Record<string, string>>;
};

export default async function TimelinePage({ params, searchParams }: Props) {
  const raw = await params;
  const viewer = await requirePerson(`/activity/${raw.targetType}/${raw.targetId}`);
  const parsed = timelineParamsSchema.safeParse(raw);
  if (!parsed.success) notFound();
  const { targetType, targetId } = parsed.data;
  // A record's history is for those who may read the record (mayReadHistory): residents their own,
  // staff the types their work covers, a notification's whoever may read it. Else: page not found.
  authorizePage(viewer, mayReadHistory, await findHistoryRecord(await getDb(), viewer, { targetType, targetId }));

  const { show, page } = timelineSearchSchema.parse(await searchParams);
  const timeline = await loadTimelinePage(viewer, {
    targetIds: [targetId],
    notifications: "aboutTargets",
    show,
    pageSize: 20,
    paginationToken: page,
  });
  return (
    <>
      <PageHeading caption={`${historyTargetTypeNames[targetType] ?? targetType} ${targetId}`}>
        Activity history
      </PageHeading>
      <Timeline
        entries={timeline.entries}
        nextToken={timeline.nextToken}
        show={show}
        isFirstPage={!page}
        basePath={`/activity/${raw.targetType}/${targetId}`}
      />
    </>
  );
}
