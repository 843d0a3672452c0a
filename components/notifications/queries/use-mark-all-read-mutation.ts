"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import { notificationKeys } from "./notification-keys";

/** Marks read what had arrived when the list was loaded (`before`); later arrivals stay unread. */
export function useMarkAllReadMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (before: string) =>
      fetchJson<{ updated: number }>("/api/v1/notifications/mark-all-read", { method: "POST", body: { before } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
