import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Timeline } from "@/components/activity/timeline";
import { PageHeading } from "@/components/ui/page-heading";
import { getDb } from "@/db/runtime";
import { listTimeline } from "@/lib/activity/list-timeline";
import { targetTypeNames, timelineParamsSchema, timelineSearchSchema } from "@/lib/activity/timeline-params";
import { ApiError } from "@/lib/api/errors";
import { requirePerson } from "@/lib/auth/current-person";
import { isStaff } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Activity history" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ targetType: string; targetId: string }>; searchParams: Promise<Record<string, string>> };

export default async function TimelinePage({ params, searchParams }: Props) {
  const raw = await params;
  const viewer = await requirePerson(`/activity/${raw.targetType}/${raw.targetId}`);
  const parsed = timelineParamsSchema.safeParse(raw);
  if (!parsed.success) notFound();
  const { targetType, targetId } = parsed.data;
  // Residents may open only their own records; anything else looks like a page that does not exist.
  if (!isStaff(viewer.roles) && targetId !== viewer.personId && targetId !== viewer.tenureId) notFound();

  const { show, page } = timelineSearchSchema.parse(await searchParams);
  const timeline = await listTimeline(await getDb(), viewer, {
    targetIds: [targetId],
    notifications: "aboutTargets",
    show,
    pageSize: 20,
    paginationToken: page,
  }).catch((error: unknown) => {
    if (error instanceof ApiError && error.code === "bad_request") notFound();
    throw error;
  });
  return (
    <>
      <PageHeading caption={`${targetTypeNames[targetType] ?? targetType} ${targetId}`}>Activity history</PageHeading>
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
