import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import type {
  NotificationCounts,
  NotificationPage,
  NotificationResponse,
} from "@/lib/notifications/contract/responses";
import type { InboxFilters } from "./read-inbox-filters";

export const inboxPageSize = 20;

/** Every cache key for notifications, so invalidation can be as wide or narrow as a change needs. */
export const notificationKeys = {
  all: ["notifications"] as const,
  lists: () => [...notificationKeys.all, "list"] as const,
  list: (filters: InboxFilters) => [...notificationKeys.lists(), filters] as const,
  counts: () => [...notificationKeys.all, "counts"] as const,
  details: () => [...notificationKeys.all, "detail"] as const,
  detail: (id: string) => [...notificationKeys.details(), id] as const,
};

/** The URL query for a filter set; empty filters are left out so links stay short. */
export function inboxSearchParams(filters: InboxFilters, extra: Record<string, string> = {}): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra })) {
    if (value && !(key === "status" && value === "all")) params.set(key, value);
  }
  return params;
}

export const inboxQueryOptions = (filters: InboxFilters) =>
  infiniteQueryOptions({
    queryKey: notificationKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      fetchJson<NotificationPage>(
        `/api/v1/notifications?${inboxSearchParams(filters, { pageSize: String(inboxPageSize), ...(pageParam ? { paginationToken: pageParam } : {}) })}`,
        { signal },
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.paginationDetails.nextToken ?? undefined,
  });

export const countsQueryOptions = () =>
  queryOptions({
    queryKey: notificationKeys.counts(),
    queryFn: ({ signal }) => fetchJson<NotificationCounts>("/api/v1/notifications/counts", { signal }),
  });

export const notificationQueryOptions = (id: string) =>
  queryOptions({
    queryKey: notificationKeys.detail(id),
    queryFn: ({ signal }) => fetchJson<NotificationResponse>(`/api/v1/notifications/${id}`, { signal }),
  });
