"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import type { NotificationCounts } from "@/lib/notifications/contract/responses";
import { notificationKeys, notificationQueryOptions } from "./notification-keys";

type ChangeEvent = { notificationId: string };

/**
 * Keeps this tab's badges and lists current from the server's event stream. EventSource reconnects
 * by itself and sends Last-Event-ID, so nothing is missed across a dropped connection.
 */
export function useNotificationStream(options: { desktopAlerts: boolean }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  // Read through a ref: turning alerts on must not close and reopen the stream.
  const desktopAlerts = useRef(options.desktopAlerts);
  useEffect(() => {
    desktopAlerts.current = options.desktopAlerts;
  }, [options.desktopAlerts]);

  useEffect(() => {
    const source = new EventSource("/api/v1/notifications/stream");
    const parse = <T>(event: MessageEvent<string>): T | undefined => {
      try {
        return JSON.parse(event.data) as T;
      } catch {
        return undefined;
      }
    };
    const onCounts = (event: MessageEvent<string>) => {
      const counts = parse<NotificationCounts>(event);
      if (counts) queryClient.setQueryData(notificationKeys.counts(), counts);
    };
    const onCreated = (event: MessageEvent<string>) => {
      const change = parse<ChangeEvent>(event);
      void queryClient.invalidateQueries({ queryKey: notificationKeys.lists() });
      if (change && desktopAlerts.current) void raiseDesktopAlert(change.notificationId);
    };
    const onUpdated = (event: MessageEvent<string>) => {
      const change = parse<ChangeEvent>(event);
      void queryClient.invalidateQueries({ queryKey: notificationKeys.lists() });
      if (change) void queryClient.invalidateQueries({ queryKey: notificationKeys.detail(change.notificationId) });
    };
    const raiseDesktopAlert = async (id: string) => {
      if (typeof Notification === "undefined" || Notification.permission !== "granted") return;
      const item = await queryClient.fetchQuery(notificationQueryOptions(id)).catch(() => undefined);
      if (!item) return;
      // The tag makes every open tab's alert for the same item one alert, not several.
      const alert = new Notification("New notification", {
        body: item.message ?? "You have a new notification",
        tag: item.id,
      });
      alert.onclick = () => {
        window.focus();
        router.push(`/notifications/${item.id}`);
        alert.close();
      };
    };
    // Whatever happened between this page's render and the stream connecting (or while it was
    // reconnecting) is not replayed for a first connection, so each connection refreshes the lists.
    source.onopen = () => void queryClient.invalidateQueries({ queryKey: notificationKeys.lists() });
    source.addEventListener("counts", onCounts);
    source.addEventListener("notification.created", onCreated);
    source.addEventListener("notification.updated", onUpdated);
    return () => source.close();
  }, [queryClient, router]);
}
