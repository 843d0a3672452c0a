import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { Inbox } from "@/components/inbox/inbox";
import { inboxPageSize, notificationKeys } from "@/components/notifications/queries/notification-keys";
import { readInboxFilters } from "@/components/notifications/queries/read-inbox-filters";
import { PageHeading } from "@/components/ui/page-heading";
import { getDb } from "@/db/runtime";
import { maySeeStalled } from "@/lib/auth/policies";
import { requirePerson } from "@/lib/next-bridge/current-person";
import { listNotifications } from "@/lib/notifications/list-notifications";

export const metadata: Metadata = { title: "Inbox" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function InboxPage({ searchParams }: { searchParams: SearchParams }) {
  const person = await requirePerson("/");
  const raw = await searchParams;
  const filters = readInboxFilters((name) => {
    const value = raw[name];
    return Array.isArray(value) ? value.at(-1) : value;
  });
  // The first page is rendered on the server with the same cache key the browser uses, so the
  // list is there at once. The event stream refetches it once when it connects, to catch anything
  // created between this render and the connection (see useNotificationStream).
  const queryClient = new QueryClient();
  const firstPage = await listNotifications(await getDb(), person, { ...filters, pageSize: inboxPageSize });
  queryClient.setQueryData(notificationKeys.list(filters), { pages: [firstPage], pageParams: [undefined] });
  return (
    <>
      <PageHeading caption={`Signed in as ${person.name}`}>Inbox</PageHeading>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <Inbox viewerId={person.id} showStalled={maySeeStalled(person)} />
      </HydrationBoundary>
    </>
  );
}
