"use client";

import { useQuery } from "@tanstack/react-query";
import type { NotificationCounts } from "@/lib/notifications/contract/responses";
import { countsQueryOptions } from "./notification-keys";

/** Badge and tab counts; the live stream keeps them current, so no polling. */
export function useCountsQuery(initialCounts?: NotificationCounts) {
  return useQuery({ ...countsQueryOptions(), initialData: initialCounts });
}
