"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { inboxQueryOptions } from "./notification-keys";
import type { InboxFilters } from "./read-inbox-filters";

/** The inbox list for a filter set, one page at a time. */
export function useInboxQuery(filters: InboxFilters) {
  return useInfiniteQuery(inboxQueryOptions(filters));
}
