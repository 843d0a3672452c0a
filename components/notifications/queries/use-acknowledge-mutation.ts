"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import type { NotificationResponse } from "@/lib/notifications/contract/responses";
import type { RecordActionBody } from "@/lib/notifications/contract/item-requests";
import { notificationKeys } from "./notification-keys";
import { adjustCounts, findCachedItem, updateCachedItem } from "./optimistic-inbox";

/**
 * Records an action (Approved, Rejected, …) with its note. Not optimistic: the dialog waits for
 * the audit row to be written, because a colleague may have claimed the item first (409).
 */
export function useAcknowledgeMutation(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RecordActionBody) =>
      fetchJson<NotificationResponse>(`/api/v1/notifications/${id}`, { method: "PATCH", body }),
    onSuccess: (updated) => {
      const before = findCachedItem(queryClient, id);
      updateCachedItem(queryClient, id, () => updated);
      if (before) adjustCounts(queryClient, before, updated);
      queryClient.setQueryData(notificationKeys.detail(id), updated);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
