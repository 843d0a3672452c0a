"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import type { NotificationResponse } from "@/lib/notifications/contract/responses";
import { notificationKeys } from "./notification-keys";
import { adjustCounts, findCachedItem, restoreInbox, snapshotInbox, updateCachedItem } from "./optimistic-inbox";

export type ReceiptChange = { id: string; read?: boolean; archived?: boolean };

/** Read/unread and archive/unarchive: shown at once, rolled back if the server refuses. */
export function useReceiptMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...change }: ReceiptChange) =>
      fetchJson<NotificationResponse>(`/api/v1/notifications/${id}/receipt`, { method: "PUT", body: change }),
    onMutate: async ({ id, read, archived }) => {
      await queryClient.cancelQueries({ queryKey: notificationKeys.all });
      const snapshot = snapshotInbox(queryClient);
      const before = findCachedItem(queryClient, id);
      if (before) {
        const after = {
          ...before,
          isReadStatus: read ?? before.isReadStatus,
          isArchived: archived ?? before.isArchived,
        };
        updateCachedItem(queryClient, id, () => after);
        adjustCounts(queryClient, before, after);
      }
      return { snapshot };
    },
    onError: (_error, _change, context) => {
      if (context) restoreInbox(queryClient, context.snapshot);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
