import Link from "next/link";
import type { OutboxItem } from "@/lib/delivery-outbox/list-outbox";
import { formatDateTime } from "@/lib/format/dates";
import { channelNames } from "@/components/notifications/describe-notification";

export function OutboxTable({ items }: { items: OutboxItem[] }) {
  return (
    <div className="mb-6 overflow-x-auto">
      <table className="w-full border-collapse text-left">
        <caption className="mb-2 text-left text-xl font-bold">Deliveries, newest first</caption>
        <thead>
          <tr className="border-b-2 border-ink">
            <th scope="col" className="py-2 pr-4">
              Created
            </th>
            <th scope="col" className="py-2 pr-4">
              Channel
            </th>
            <th scope="col" className="py-2 pr-4">
              Recipient
            </th>
            <th scope="col" className="py-2 pr-4">
              Status
            </th>
            <th scope="col" className="py-2 pr-4">
              Notify id
            </th>
            <th scope="col" className="py-2 pr-4">
              Sent / completed
            </th>
            <th scope="col" className="py-2 pr-4">
              Error
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} className="border-b border-border align-top">
              <th scope="row" className="py-3 pr-4 font-normal">
                <Link
                  href={`/admin/outbox/${item.id}`}
                  aria-label={`${channelNames[item.channel]} to ${item.recipient}, created ${formatDateTime(item.createdAt)}: show the message`}
                >
                  {formatDateTime(item.createdAt)}
                </Link>
              </th>
              <td className="py-3 pr-4">{channelNames[item.channel]}</td>
              <td className="py-3 pr-4 font-mono text-sm">{item.recipient}</td>
              <td className="py-3 pr-4">
                <strong>{item.status}</strong>
              </td>
              <td className="py-3 pr-4 font-mono text-sm break-all">{item.notifyId ?? "—"}</td>
              <td className="py-3 pr-4 text-sm">
                {item.sentAt ? formatDateTime(item.sentAt) : "—"}
                <br />
                {item.completedAt ? formatDateTime(item.completedAt) : "—"}
              </td>
              <td className="py-3 pr-4 text-sm">{item.error ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
