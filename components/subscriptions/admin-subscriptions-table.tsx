import Link from "next/link";
import { Table, type TableColumn } from "@/components/ui/table";
import { formatDate, formatDateTime } from "@/lib/format/dates";
import type { AdminSubscription } from "@/lib/subscriptions/admin-subscriptions";
import { describeChannels, describeStanding } from "./describe-subscription";

const columns: TableColumn<AdminSubscription>[] = [
  {
    header: "Client",
    rowHeader: true,
    cell: (row) => (
      <Link href={`/admin/subscriptions/${row.subscription.id}`}>
        {row.clientName}
        <span className="sr-only">: {row.subscription.eventType}</span>
      </Link>
    ),
  },
  { header: "Event type", cell: (row) => row.subscription.eventType, className: "font-mono" },
  { header: "Channels", cell: (row) => describeChannels(row.subscription), className: "break-all" },
  { header: "Expires", cell: (row) => formatDate(row.subscription.expiresOn) },
  { header: "Status", cell: (row) => describeStanding(row.standing) },
  {
    header: "Failing since",
    cell: (row) => (row.subscription.failingSince ? formatDateTime(row.subscription.failingSince) : "—"),
  },
];

export function AdminSubscriptionsTable({ rows }: { rows: AdminSubscription[] }) {
  return (
    <Table
      caption="Subscriptions, newest first"
      columns={columns}
      rows={rows}
      rowKey={(row) => row.subscription.id}
      className="mb-6"
    />
  );
}
