import Link from "next/link";
import type { TimelineEntry, TimelineFilter } from "@/lib/activity/list-timeline";
import { EmptyState } from "@/components/ui/empty-state";
import { ActivityEntry } from "./activity-entry";
import { NotificationEntry } from "./notification-entry";

const filterLabels: Record<TimelineFilter, string> = {
  all: "Everything",
  changes: "Changes",
  notifications: "Notifications",
};

type Props = {
  entries: TimelineEntry[];
  nextToken: string | null;
  show: TimelineFilter;
  isFirstPage: boolean;
  basePath: string;
};

/** The chronological list, with its filter and paging as links, so every view has its own URL. */
export function Timeline({ entries, nextToken, show, isFirstPage, basePath }: Props) {
  const href = (params: Record<string, string>) => `${basePath}?${new URLSearchParams(params).toString()}`;
  return (
    <>
      <nav aria-label="Filter the timeline" className="mb-6">
        <ul className="flex flex-wrap gap-2">
          {(Object.keys(filterLabels) as TimelineFilter[]).map((filter) => (
            <li key={filter}>
              <Link
                href={href({ show: filter })}
                aria-current={filter === show ? "page" : undefined}
                className={`inline-block border-2 px-3 py-1 ${filter === show ? "border-ink bg-ink text-white hover:text-white" : "border-border"}`}
              >
                {filterLabels[filter]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {entries.length === 0 ? (
        <EmptyState title={isFirstPage ? "No activity history" : "No older entries"}>
          <p>
            {isFirstPage ? "Nothing has been recorded for this yet." : "You have reached the start of the history."}
          </p>
        </EmptyState>
      ) : (
        <ol aria-label="Timeline, newest first" className="grid gap-6">
          {entries.map((entry) => (
            <li key={`${entry.kind}-${entry.id}`}>
              {entry.kind === "activity" ? (
                <ActivityEntry activity={entry.activity} />
              ) : (
                <NotificationEntry
                  notification={entry.notification}
                  deliveries={entry.deliveries}
                  actions={entry.actions}
                />
              )}
            </li>
          ))}
        </ol>
      )}
      <nav aria-label="Pages" className="mt-8 flex gap-6">
        {!isFirstPage ? <Link href={href({ show })}>Back to newest</Link> : null}
        {nextToken ? (
          <Link href={href({ show, page: nextToken })} rel="next">
            Older entries
          </Link>
        ) : null}
      </nav>
    </>
  );
}
