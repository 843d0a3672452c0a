"use client";

import Link from "next/link";
import { historyTargetTypeNames } from "@/lib/activity/target-type-names";
import { formatDateTime } from "@/lib/format/dates";
import type { StalledRecordResponse } from "@/lib/rules/engine/list-stalled";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, type TableColumn } from "@/components/ui/table";
import { useStalledQuery } from "./queries/use-stalled-query";

const typeName = (targetType: string) => historyTargetTypeNames[targetType] ?? targetType;

const columns: readonly TableColumn<StalledRecordResponse>[] = [
  { header: "Record", rowHeader: true, cell: (row) => `${typeName(row.targetType)} ${row.targetId}` },
  { header: "Quiet for", cell: (row) => `No activity for ${row.quietFor}` },
  { header: "Last activity", cell: (row) => formatDateTime(row.lastActivityAt) },
  {
    header: "Timeline",
    cell: (row) => (
      <Link href={row.timelineUrl}>
        Open the timeline
        <span className="sr-only">
          {" "}
          of {typeName(row.targetType)} {row.targetId}
        </span>
      </Link>
    ),
  },
];

/** The work tray's Stalled view: records with no activity for a stalled rule's duration, quietest first. */
export function StalledList() {
  const stalled = useStalledQuery();
  const rows = stalled.data?.pages.flatMap((page) => page.results) ?? [];
  if (stalled.isError)
    return <p role="alert">The stalled records could not be loaded. Reload the page to try again.</p>;
  if (!stalled.isPending && rows.length === 0) {
    return (
      <EmptyState title="Nothing is stalled">
        Every record you can see has had activity recently, or has been closed.
      </EmptyState>
    );
  }
  return (
    <div className="flex flex-col gap-4">
      <Table
        caption="Stalled records, the longest quiet first"
        columns={columns}
        rows={rows}
        rowKey={(row) => `${row.targetType}:${row.targetId}`}
      />
      {stalled.hasNextPage ? (
        <Button type="button" onClick={() => stalled.fetchNextPage()} disabled={stalled.isFetchingNextPage}>
          Show more stalled records
        </Button>
      ) : null}
    </div>
  );
}
