import { EmptyState } from "@/components/ui/empty-state";
import { hasFilters, type InboxFilters } from "@/components/notifications/queries/read-inbox-filters";

const emptyViews = {
  all: {
    title: "You have no notifications",
    body: "When a council service sends you or your team a notification, it will appear here.",
  },
  unread: { title: "You are all caught up", body: "Everything in your inbox has been read." },
  actionRequired: {
    title: "Nothing needs your action",
    body: "Items that need someone on your team to approve, reject or validate appear here.",
  },
  archived: {
    title: "Nothing archived",
    body: "Archive items you have dealt with to keep your inbox short; they stay here.",
  },
} as const;

/** What an empty view means, and when filters are the reason, how to widen them. */
export function InboxEmpty({ filters }: { filters: InboxFilters }) {
  const filtered = hasFilters(filters);
  const view = emptyViews[filters.status];
  return filtered ? (
    <EmptyState title="No notifications match your filters">
      <p>Try a wider date range, another category, or clear the filters.</p>
    </EmptyState>
  ) : (
    <EmptyState title={view.title}>
      <p>{view.body}</p>
    </EmptyState>
  );
}
