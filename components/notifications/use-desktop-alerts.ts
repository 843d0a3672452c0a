"use client";

import { useCallback, useSyncExternalStore } from "react";

// Permission can change in the browser's own settings; re-read it when the tab regains focus.
const subscribe = (onChange: () => void) => {
  window.addEventListener("focus", onChange);
  return () => window.removeEventListener("focus", onChange);
};
const readPermission = (): NotificationPermission | "unsupported" =>
  typeof Notification === "undefined" ? "unsupported" : Notification.permission;

/** Desktop pop-ups for new notifications: on once the person allows them. */
export function useDesktopAlerts() {
  const permission = useSyncExternalStore(subscribe, readPermission, () => "unsupported" as const);
  const request = useCallback(async () => {
    if (typeof Notification === "undefined") return;
    await Notification.requestPermission();
    window.dispatchEvent(new Event("focus"));
  }, []);
  return { permission, enabled: permission === "granted", request };
}
