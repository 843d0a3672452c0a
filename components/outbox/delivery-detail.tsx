import Link from "next/link";
import type { LinkedDelivery, OutboxDelivery } from "@/lib/delivery-outbox/get-outbox-delivery";
import { formatDateTime } from "@/lib/format/dates";
import { channelNames } from "@/components/notifications/describe-notification";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="border-b border-border py-2 sm:flex">
      <dt className="font-semibold sm:w-48">{label}</dt>
      <dd className="break-all">{children}</dd>
    </div>
  );
}

function LinkedDeliveryLink({ linked, name }: { linked: LinkedDelivery; name: string }) {
  return (
    <Link href={`/admin/outbox/${linked.id}`}>
      {name} created {formatDateTime(linked.createdAt)}, now {linked.status}
    </Link>
  );
}

export function DeliveryDetail({ delivery }: { delivery: OutboxDelivery }) {
  return (
    <>
      <dl className="mb-8 max-w-3xl">
        <Row label="Channel">{channelNames[delivery.channel]}</Row>
        <Row label="Recipient">{delivery.recipient}</Row>
        <Row label="Status">{delivery.status}</Row>
        <Row label="Service">{delivery.serviceKey}</Row>
        <Row label="Template">{delivery.templateId}</Row>
        <Row label="Notify id">{delivery.notifyId ?? "Not sent yet"}</Row>
        <Row label="Created">{formatDateTime(delivery.createdAt)}</Row>
        <Row label="Sent">{delivery.sentAt ? formatDateTime(delivery.sentAt) : "—"}</Row>
        <Row label="Completed">{delivery.completedAt ? formatDateTime(delivery.completedAt) : "—"}</Row>
        {delivery.error ? <Row label="Error">{delivery.error}</Row> : null}
        {delivery.resendOf ? (
          <Row label="Resend of">
            <LinkedDeliveryLink linked={delivery.resendOf} name="The failed delivery" />
          </Row>
        ) : null}
        {delivery.resentAs ? (
          <Row label="Resent as">
            <LinkedDeliveryLink linked={delivery.resentAs} name="The new delivery" />
          </Row>
        ) : null}
        {delivery.documentId ? (
          <Row label={delivery.channel === "letter" ? "Letter PDF" : "Attached file"}>
            <a href={`/api/v1/documents/${delivery.documentId}`}>
              {delivery.channel === "letter" ? "Open the letter as posted (PDF)" : "Open the file sent with this email"}
            </a>
          </Row>
        ) : null}
      </dl>

      <h2 className="mb-2 text-2xl font-bold">The message</h2>
      {delivery.preview.ok ? (
        <section aria-label="Rendered message" className="mb-8 max-w-3xl border-l-4 border-border bg-white p-4">
          {delivery.preview.value.subject ? (
            <p className="mb-3 text-lg font-bold">{delivery.preview.value.subject}</p>
          ) : null}
          <div className="whitespace-pre-wrap">{delivery.preview.value.body}</div>
        </section>
      ) : (
        <p className="mb-8 border-l-4 border-danger p-4">
          GOV.UK Notify could not show this message: {delivery.preview.message}
        </p>
      )}

      <h2 className="mb-2 text-2xl font-bold">Status history</h2>
      {delivery.history.length > 0 ? (
        <ol className="mb-8 list-decimal pl-6">
          {delivery.history.map((event, index) => (
            <li key={index}>
              <strong>{event.status}</strong> at {formatDateTime(event.at)} ({event.source})
              {event.detail ? `: ${event.detail}` : ""}
            </li>
          ))}
        </ol>
      ) : (
        <p className="mb-8">No status changes recorded yet.</p>
      )}
    </>
  );
}
