"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { stalledQueryOptions } from "./stalled-keys";

/**
 * What is stalled now. Stalls come and go with time and with activity nobody here sends, so the
 * list asks again every minute (the sweep's own pace) and whenever the person comes back to the tab.
 */
export function useStalledQuery() {
  return useInfiniteQuery({ ...stalledQueryOptions(), refetchInterval: 60_000, refetchOnWindowFocus: true });
}
