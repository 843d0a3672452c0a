"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { inboxQueryOptions, type InboxFilters } from "./notification-keys";

/** The inbox list for a filter set, one page at a time. */
export function useInboxQuery(filters: InboxFilters) {
  return useInfiniteQuery(inboxQueryOptions(filters));
}
