"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { AcknowledgeDialog, type AcknowledgeDraft } from "@/components/notifications/acknowledge-dialog";
import { NotificationItem } from "@/components/notifications/notification-item";
import { inboxSearchParams } from "@/components/notifications/queries/notification-keys";
import { readInboxFilters } from "@/components/notifications/queries/read-inbox-filters";
import { useInboxQuery } from "@/components/notifications/queries/use-inbox-query";
import { useMarkAllReadMutation } from "@/components/notifications/queries/use-mark-all-read-mutation";
import { useNotificationQuery } from "@/components/notifications/queries/use-notification-query";
import { Button } from "@/components/ui/button";
import { DesktopAlertsToggle } from "./desktop-alerts-toggle";
import { InboxEmpty } from "./inbox-empty";
import { InboxFiltersForm } from "./inbox-filters";
import { InboxTabs } from "./inbox-tabs";

/** The staff inbox: tabs, filters, the list, and the acknowledge dialog for the selected item. */
export function Inbox({ viewerId, showStalled }: { viewerId: string; showStalled: boolean }) {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = readInboxFilters((name) => searchParams.get(name));
  const inbox = useInboxQuery(filters);
  const markAllRead = useMarkAllReadMutation();
  const [drafts, setDrafts] = useState<Record<string, AcknowledgeDraft>>({});
  const [notice, setNotice] = useState("");

  const items = inbox.data?.pages.flatMap((page) => page.results) ?? [];
  // The selected item lives in the URL (?item=…), so a link can open its dialog. A link (a desktop
  // alert, a colleague's message) may name an item that is not on a loaded page or tab: fetch it.
  const selectedId = searchParams.get("item");
  const listed = selectedId ? items.find((item) => item.id === selectedId) : undefined;
  const fetched = useNotificationQuery(selectedId ?? "", undefined, {
    enabled: selectedId !== null && !listed && !inbox.isPending,
  });
  const candidate = listed ?? (selectedId && fetched.data?.id === selectedId ? fetched.data : undefined);
  const selected = candidate?.actionRequired ? candidate : undefined;
  const select = (id: string | null) => {
    const query = inboxSearchParams(filters, id ? { item: id } : {}).toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
  // "Mark all read" covers what this person has seen: nothing newer than the newest item shown.
  const newestShown = items.reduce<string | undefined>(
    (newest, item) => (!newest || item.createdDate > newest ? item.createdDate : newest),
    undefined,
  );

  return (
    <div className="flex flex-col gap-6">
      <InboxTabs filters={filters} showStalled={showStalled} />
      <InboxFiltersForm key={searchParams.toString()} filters={filters} />
      <div className="flex flex-wrap items-center justify-between gap-4">
        <p role="status" className="font-semibold">
          {notice}
        </p>
        <div className="flex flex-wrap items-center gap-4">
          <DesktopAlertsToggle />
          {filters.status !== "archived" ? (
            <Button
              variant="secondary"
              disabled={!newestShown || markAllRead.isPending}
              onClick={() =>
                newestShown &&
                markAllRead.mutate(newestShown, {
                  onSuccess: ({ updated }) =>
                    setNotice(
                      updated === 1 ? "1 notification marked as read" : `${updated} notifications marked as read`,
                    ),
                })
              }
            >
              Mark all as read
            </Button>
          ) : null}
        </div>
      </div>
      {inbox.isPending ? (
        <p aria-busy="true" className="animate-pulse bg-panel p-6 text-lg">
          Loading your notifications…
        </p>
      ) : inbox.isError ? (
        <div role="alert" className="border-l-8 border-danger bg-panel p-6">
          <h2 className="text-xl font-bold">Your notifications could not be loaded</h2>
          <p className="mt-2">{inbox.error.message}</p>
          <Button className="mt-4" variant="secondary" onClick={() => void inbox.refetch()}>
            Try again
          </Button>
        </div>
      ) : items.length === 0 ? (
        <InboxEmpty filters={filters} />
      ) : (
        <section aria-label="Notifications">
          <ul className="flex flex-col gap-4">
            {items.map((item) => (
              <NotificationItem key={item.id} item={item} viewerId={viewerId} onAcknowledge={() => select(item.id)} />
            ))}
          </ul>
          {inbox.hasNextPage ? (
            <Button
              className="mt-6"
              variant="secondary"
              disabled={inbox.isFetchingNextPage}
              onClick={() => void inbox.fetchNextPage()}
            >
              {inbox.isFetchingNextPage ? "Loading…" : "Show older notifications"}
            </Button>
          ) : null}
        </section>
      )}
      {selected ? (
        <AcknowledgeDialog
          key={selected.id}
          item={selected}
          draft={drafts[selected.id] ?? { note: "" }}
          onDraftChange={(draft) => setDrafts((all) => ({ ...all, [selected.id]: draft }))}
          onClose={(outcome) => {
            if (outcome === "recorded") {
              setDrafts(({ [selected.id]: _recorded, ...rest }) => rest);
              setNotice("Action recorded");
            }
            select(null);
          }}
        />
      ) : null}
    </div>
  );
}
