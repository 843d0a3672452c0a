"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { describeCount, formatCount } from "@/lib/notifications/contract/count-limit";
import type { NotificationCounts } from "@/lib/notifications/contract/responses";
import { useCountsQuery } from "./queries/use-counts-query";
import { useNotificationStream } from "./queries/use-notification-stream";
import { useDesktopAlerts } from "./use-desktop-alerts";

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** The header's live unread and action-required counts, on every page. */
export function NotificationBadges({ initialCounts }: { initialCounts: NotificationCounts }) {
  // The server's render seeds the cache, so the badge is right before any fetch.
  const { data } = useCountsQuery(initialCounts);
  const { enabled: desktopAlerts } = useDesktopAlerts();
  useNotificationStream({ desktopAlerts });
  const counts = data ?? initialCounts;

  // Screen readers hear about new items as they arrive, not the whole count on every change.
  const [announcement, setAnnouncement] = useState("");
  const previousUnread = useRef(counts.unread);
  useEffect(() => {
    if (counts.unread > previousUnread.current) {
      setAnnouncement(plural(counts.unread - previousUnread.current, "new notification", "new notifications"));
    }
    previousUnread.current = counts.unread;
  }, [counts.unread]);

  return (
    <div className="flex items-center gap-3">
      <Link
        href="/?status=unread"
        aria-label={describeCount(counts.unread, "unread notification", "unread notifications")}
        className="inline-flex items-center gap-1 rounded-full bg-white px-3 py-1 font-bold text-ink no-underline hover:text-ink"
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5 fill-current">
          <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
        </svg>
        <span aria-hidden="true" data-testid="unread-badge">
          {formatCount(counts.unread)}
        </span>
      </Link>
      <Link
        href="/?status=actionRequired"
        className={`inline-flex items-center gap-1 rounded-full px-3 py-1 font-bold no-underline ${
          counts.actionRequired > 0 ? "bg-focus text-ink hover:text-ink" : "bg-white text-ink hover:text-ink"
        }`}
      >
        {/* The words are the link's name, so what is seen is what is heard (WCAG 2.5.3, label in name). */}
        <span data-testid="action-badge">{formatCount(counts.actionRequired)}</span>
        <span>{counts.actionRequired === 1 ? "needs action" : "need action"}</span>
      </Link>
      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}
