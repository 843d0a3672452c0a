import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { InboxTabs } from "@/components/inbox/inbox-tabs";
import { readInboxFilters } from "@/components/notifications/queries/read-inbox-filters";
import { stalledKeys, stalledPageSize } from "@/components/stalled/queries/stalled-keys";
import { StalledList } from "@/components/stalled/stalled-list";
import { PageHeading } from "@/components/ui/page-heading";
import { getDb } from "@/db/runtime";
import { maySeeStalled } from "@/lib/auth/policies";
import { authorizePage } from "@/lib/next-bridge/authorize-page";
import { requirePerson } from "@/lib/next-bridge/current-person";
import { listStalledRecords } from "@/lib/rules/engine/list-stalled";

export const metadata: Metadata = { title: "Stalled" };
export const dynamic = "force-dynamic";

/** The work tray's Stalled view, first page rendered on the server with the browser's cache key. */
export default async function StalledPage() {
  const person = await requirePerson("/stalled");
  authorizePage(person, maySeeStalled);
  const queryClient = new QueryClient();
  const firstPage = await listStalledRecords(await getDb(), person, { pageSize: stalledPageSize });
  queryClient.setQueryData(stalledKeys.list(), { pages: [firstPage], pageParams: [undefined] });
  return (
    <>
      <PageHeading caption={`Signed in as ${person.name}`}>Stalled</PageHeading>
      <div className="flex flex-col gap-6">
        <InboxTabs filters={readInboxFilters(() => null)} showStalled stalledCurrent />
        <p className="text-lg">
          Records of the kinds your work covers that have had no activity for longer than a stalled-process rule allows.
          A record leaves this list as soon as anything happens to it.
        </p>
        <HydrationBoundary state={dehydrate(queryClient)}>
          <StalledList />
        </HydrationBoundary>
      </div>
    </>
  );
}
