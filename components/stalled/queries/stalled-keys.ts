import { infiniteQueryOptions } from "@tanstack/react-query";
import type { Page } from "@/lib/api/pagination";
import { fetchJson } from "@/lib/api/fetch-json";
import type { StalledRecordResponse } from "@/lib/rules/engine/list-stalled";

export const stalledPageSize = 50;

/** Every cache key for the Stalled view. */
export const stalledKeys = {
  all: ["stalled"] as const,
  list: () => [...stalledKeys.all, "list"] as const,
};

export type StalledPage = Page<StalledRecordResponse>;

export const stalledQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: stalledKeys.list(),
    queryFn: ({ pageParam, signal }) =>
      fetchJson<StalledPage>(
        `/api/v1/stalled?${new URLSearchParams({ pageSize: String(stalledPageSize), ...(pageParam ? { paginationToken: pageParam } : {}) })}`,
        { signal },
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.paginationDetails.nextToken ?? undefined,
  });
