"use client";

import { useQuery } from "@tanstack/react-query";
import type { NotificationResponse } from "@/lib/notifications/contract/responses";
import { notificationQueryOptions } from "./notification-keys";

/** One notification with its audit trail; the live stream refreshes it when anyone acts. */
export function useNotificationQuery(
  id: string,
  initial?: NotificationResponse,
  { enabled = true }: { enabled?: boolean } = {},
) {
  return useQuery({ ...notificationQueryOptions(id), initialData: initial, enabled });
}
