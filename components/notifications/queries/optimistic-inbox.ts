import type { InfiniteData, QueryClient } from "@tanstack/react-query";
import type {
  NotificationCounts,
  NotificationPage,
  NotificationResponse,
} from "@/lib/notifications/contract/responses";
import { adjustCount } from "@/lib/notifications/contract/count-limit";
import { notificationKeys } from "./notification-keys";
import type { InboxFilters } from "./read-inbox-filters";

type Snapshot = Array<[readonly unknown[], unknown]>;

/** Every cached list and the counts, to put back when the server says no. */
export function snapshotInbox(queryClient: QueryClient): Snapshot {
  return [
    ...queryClient.getQueriesData({ queryKey: notificationKeys.lists() }),
    ...queryClient.getQueriesData({ queryKey: notificationKeys.counts() }),
  ];
}

export function restoreInbox(queryClient: QueryClient, snapshot: Snapshot): void {
  for (const [key, data] of snapshot) queryClient.setQueryData(key, data);
}

/** The item as any cached list last saw it. */
export function findCachedItem(queryClient: QueryClient, id: string): NotificationResponse | undefined {
  for (const [, data] of queryClient.getQueriesData<InfiniteData<NotificationPage>>({
    queryKey: notificationKeys.lists(),
  })) {
    const item = data?.pages.flatMap((page) => page.results).find((result) => result.id === id);
    if (item) return item;
  }
  return undefined;
}

const belongsIn = (status: InboxFilters["status"], item: NotificationResponse) =>
  status === "archived"
    ? item.isArchived
    : !item.isArchived &&
      (status === "all" ||
        (status === "unread" && !item.isReadStatus) ||
        (status === "actionRequired" && item.actionRequired));

/** Applies a change to an item in every cached list, dropping it from lists it no longer belongs in. */
export function updateCachedItem(
  queryClient: QueryClient,
  id: string,
  change: (item: NotificationResponse) => NotificationResponse,
): void {
  for (const [key, data] of queryClient.getQueriesData<InfiniteData<NotificationPage>>({
    queryKey: notificationKeys.lists(),
  })) {
    if (!data) continue;
    const filters = key[2] as InboxFilters;
    queryClient.setQueryData<InfiniteData<NotificationPage>>(key, {
      ...data,
      pages: data.pages.map((page) => ({
        ...page,
        results: page.results.flatMap((item) => {
          if (item.id !== id) return [item];
          const changed = change(item);
          // An item read in the Unread tab stays visible until the list reloads, so it does not jump away under the pointer.
          return belongsIn(filters.status, changed) || (filters.status === "unread" && !changed.isArchived)
            ? [changed]
            : [];
        }),
      })),
    });
  }
}

/** The counts after an item changes from `before` to `after`. */
export function adjustCounts(
  queryClient: QueryClient,
  before: NotificationResponse,
  after: NotificationResponse,
): void {
  const weight = (item: NotificationResponse) => ({
    unread: !item.isArchived && !item.isReadStatus ? 1 : 0,
    actionRequired: !item.isArchived && item.actionRequired ? 1 : 0,
    all: item.isArchived ? 0 : 1,
    archived: item.isArchived ? 1 : 0,
  });
  const [was, now] = [weight(before), weight(after)];
  queryClient.setQueryData<NotificationCounts>(notificationKeys.counts(), (counts) =>
    counts
      ? {
          unread: adjustCount(counts.unread, now.unread - was.unread),
          actionRequired: adjustCount(counts.actionRequired, now.actionRequired - was.actionRequired),
          all: adjustCount(counts.all, now.all - was.all),
          archived: adjustCount(counts.archived, now.archived - was.archived),
        }
      : counts,
  );
}
