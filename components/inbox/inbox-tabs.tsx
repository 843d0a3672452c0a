"use client";

import Link from "next/link";
import { useCountsQuery } from "@/components/notifications/queries/use-counts-query";
import { formatCount } from "@/lib/notifications/contract/count-limit";
import { inboxSearchParams } from "@/components/notifications/queries/notification-keys";
import type { InboxFilters, InboxStatus } from "@/components/notifications/queries/read-inbox-filters";

const tabs: Array<{ status: InboxStatus; label: string }> = [
  { status: "all", label: "All" },
  { status: "unread", label: "Unread" },
  { status: "actionRequired", label: "Action required" },
  { status: "archived", label: "Archived" },
];

const tabClasses = (current: boolean) =>
  `-mb-0.5 inline-block border-2 px-4 py-2 font-semibold no-underline ${
    current ? "border-border border-b-white bg-white text-ink" : "border-transparent text-brand hover:underline"
  }`;

/**
 * The inbox views as links, so each is a URL that can be shared, bookmarked and reloaded. The last,
 * Stalled, is the work tray's view of records gone quiet (/stalled), not a filter of notifications.
 */
export function InboxTabs({
  filters,
  showStalled,
  stalledCurrent = false,
}: {
  filters: InboxFilters;
  /** Only for people the Stalled view has something for (maySeeStalled): residents and others never see it. */
  showStalled: boolean;
  stalledCurrent?: boolean;
}) {
  const { data: counts } = useCountsQuery();
  return (
    <nav aria-label="Inbox views" className="border-b-2 border-border">
      <ul className="flex flex-wrap gap-1">
        {tabs.map((tab) => {
          const current = !stalledCurrent && filters.status === tab.status;
          const query = inboxSearchParams({ ...filters, status: tab.status }).toString();
          return (
            <li key={tab.status}>
              <Link
                href={query ? `/?${query}` : "/"}
                aria-current={current ? "page" : undefined}
                className={tabClasses(current)}
              >
                {tab.label}
                {/* A space, so the name reads "Unread 3" rather than "Unread3" as it looks. */}
                {counts ? " " : null}
                {counts ? (
                  <span className="ml-1 rounded-full bg-panel px-2 text-sm text-ink">
                    {formatCount(counts[tab.status])}
                  </span>
                ) : null}
              </Link>
            </li>
          );
        })}
        {showStalled ? (
          <li>
            <Link
              href="/stalled"
              aria-current={stalledCurrent ? "page" : undefined}
              className={tabClasses(stalledCurrent)}
            >
              Stalled
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
