"use client";

import { Button } from "@/components/ui/button";
import { useDesktopAlerts } from "@/components/notifications/use-desktop-alerts";

/** Asks for the browser's permission to pop up new notifications; says so when they are on or blocked. */
export function DesktopAlertsToggle() {
  const { permission, request } = useDesktopAlerts();
  if (permission === "unsupported") return null;
  if (permission === "granted") return <p className="text-sm text-muted">Desktop alerts are on</p>;
  if (permission === "denied")
    return <p className="text-sm text-muted">Desktop alerts are blocked in your browser settings</p>;
  return (
    <Button variant="link" onClick={() => void request()}>
      Turn on desktop alerts
    </Button>
  );
}
