import Link from "next/link";
import type { OutboxItem } from "@/lib/delivery-outbox/list-outbox";
import { formatDateTime } from "@/lib/format/dates";
import { channelNames } from "@/components/notifications/describe-notification";
import { Table, type TableColumn } from "@/components/ui/table";

const orDash = (date: Date | string | null) => (date ? formatDateTime(date) : "—");

const columns: TableColumn<OutboxItem>[] = [
  {
    header: "Created",
    rowHeader: true,
    cell: (item) => (
      // The visible date starts the link's name (WCAG 2.5.3); which message it is follows, unseen.
      <Link href={`/admin/outbox/${item.id}`}>
        {formatDateTime(item.createdAt)}
        <span className="sr-only">
          : show the {channelNames[item.channel].toLowerCase()} to {item.recipient}
        </span>
      </Link>
    ),
  },
  { header: "Channel", cell: (item) => channelNames[item.channel] },
  { header: "Recipient", cell: (item) => item.recipient, className: "font-mono text-sm" },
  {
    header: "Status",
    cell: (item) => (
      <>
        <strong>{item.status}</strong>
        {item.resentFromDeliveryId ? <span className="block text-sm">a resend</span> : null}
      </>
    ),
  },
  { header: "Notify id", cell: (item) => item.notifyId ?? "—", className: "font-mono text-sm break-all" },
  {
    header: "Sent / completed",
    cell: (item) => (
      <>
        {orDash(item.sentAt)}
        <br />
        {orDash(item.completedAt)}
      </>
    ),
    className: "text-sm",
  },
  { header: "Error", cell: (item) => item.error ?? "", className: "text-sm" },
];

export function OutboxTable({ items }: { items: OutboxItem[] }) {
  return (
    <Table
      caption="Deliveries, newest first"
      columns={columns}
      rows={items}
      rowKey={(item) => item.id}
      className="mb-6"
    />
  );
}
