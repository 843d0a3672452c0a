import { formatDateTime } from "@/lib/format/dates";
import type { PersonalDataRetention } from "@/db/schema";

type Props = { status: PersonalDataRetention | null; retentionDays: number };

/** When the retention housekeeping last ran and what it has redacted, under the outbox. */
export function RetentionSummary({ status, retentionDays }: Props) {
  return (
    <section aria-labelledby="retention-heading" className="mt-10 max-w-3xl">
      <h2 id="retention-heading" className="mb-3 text-2xl font-bold">
        Personal data retention
      </h2>
      <p className="mb-3">
        After {retentionDays} days the names, contacts, addresses, messages, personalisation and letter files of a
        notification are redacted; an item needing action counts from when it was resolved.
      </p>
      {status ? (
        <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1">
          <dt className="font-bold">Last run</dt>
          <dd>
            {formatDateTime(status.lastRunAt)}: {status.lastNotifications} notifications, {status.lastDeliveries}{" "}
            deliveries, {status.lastDocuments} documents redacted
          </dd>
          <dt className="font-bold">Last redaction</dt>
          <dd>{status.lastRedactedAt ? formatDateTime(status.lastRedactedAt) : "None yet"}</dd>
          <dt className="font-bold">Redacted in all</dt>
          <dd>
            {status.totalNotifications} notifications, {status.totalDeliveries} deliveries, {status.totalDocuments}{" "}
            documents
          </dd>
        </dl>
      ) : (
        <p>The housekeeping has not run yet.</p>
      )}
    </section>
  );
}
