import { Table, type TableColumn } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format/dates";
import type { AdminMessage } from "@/lib/subscriptions/admin-subscriptions";

type Attempt = AdminMessage["attempts"][number];

const statusNames: Record<AdminMessage["status"], string> = { pending: "Pending", sent: "Sent", fail: "Failed" };

const messageColumns: TableColumn<AdminMessage>[] = [
  { header: "Created", rowHeader: true, cell: (message) => formatDateTime(message.createdAt) },
  { header: "Event type", cell: (message) => message.eventType, className: "font-mono" },
  { header: "Channel", cell: (message) => (message.channel === "webhook" ? "Webhook" : "Email") },
  { header: "Status", cell: (message) => statusNames[message.status] },
  { header: "Attempts", numeric: true, cell: (message) => message.attemptCount },
  { header: "Replay of", cell: (message) => message.replayOf ?? "—", className: "font-mono text-sm break-all" },
  { header: "Message id", cell: (message) => message.id, className: "font-mono text-sm break-all" },
];

const attemptColumns: TableColumn<Attempt>[] = [
  { header: "At", rowHeader: true, cell: (attempt) => formatDateTime(attempt.attemptedAt) },
  { header: "Trigger", cell: (attempt) => attempt.trigger },
  { header: "Status code", numeric: true, cell: (attempt) => attempt.statusCode ?? "No answer" },
  { header: "Duration (ms)", numeric: true, cell: (attempt) => attempt.durationMs },
  {
    header: "Answer",
    cell: (attempt) => attempt.error ?? (attempt.responseExcerpt || "—"),
    className: "break-all text-sm",
  },
];

/** A subscription's recent messages, then each attempted message's attempts in a table of its own. */
export function SubscriptionMessagesTable({ messages }: { messages: AdminMessage[] }) {
  const attempted = messages.filter((message) => message.attempts.length > 0);
  return (
    <>
      <Table
        caption="Recent messages, newest first"
        columns={messageColumns}
        rows={messages}
        rowKey={(message) => message.id}
        className="mb-8"
      />
      {attempted.map((message) => (
        <Table
          key={message.id}
          caption={`Attempts at ${message.eventType} message ${message.id}`}
          columns={attemptColumns}
          rows={message.attempts}
          rowKey={(attempt) => attempt.id}
          className="mb-6"
        />
      ))}
    </>
  );
}
