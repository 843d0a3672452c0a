import Link from "next/link";
import { ArrivalHeading } from "@/components/ui/arrival-heading";
import { buttonClasses } from "@/components/ui/button";
import { Table, type TableColumn } from "@/components/ui/table";
import type { ErasureCounts } from "@/lib/personal-data/erase-person";
import type { ErasureRecord } from "@/lib/personal-data/erasure-record";
import { formatDateTime } from "@/lib/format/dates";

type Props = {
  personId: string;
  name: string;
  /** The erasure's audit entry, or null while the person is not erased. */
  erasure: ErasureRecord | null;
  erasedAt: string | null;
  /** The page was opened straight after erasing: the outcome takes focus. */
  justErased: boolean;
};

const countLabels: Record<keyof ErasureCounts, string> = {
  notifications: "Notifications to them or naming them",
  notificationActions: "Actions and notes on notifications",
  deliveries: "Emails, texts and letters",
  unsentDeliveriesCancelled: "Messages not yet sent, now cancelled",
  deliveryStatusEvents: "Delivery status details",
  documents: "Letter and attachment files emptied",
  activities: "Activity history entries",
  idempotentResponses: "Stored API answers removed",
};

type CountRow = { kind: keyof ErasureCounts; count: number };
const columns: TableColumn<CountRow>[] = [
  { header: "Records", rowHeader: true, cell: (row) => countLabels[row.kind] },
  { header: "Changed", numeric: true, cell: (row) => row.count },
];

/** Subject access and erasure on the person page: the export link and the way to erasing, or what erasure did. */
export function PersonalDataPanel({ personId, name, erasure, erasedAt, justErased }: Props) {
  const download = (
    <p className="mb-4">
      <a href={`/api/v1/people/${personId}/export`} download>
        Download everything we hold (subject access)
      </a>
      <span className="block text-muted">
        {erasedAt ? "A JSON file of what is left about them." : `A JSON file of everything held about ${name}.`}
      </span>
    </p>
  );
  if (erasedAt) {
    const counts = erasure?.counts;
    return (
      <section aria-labelledby="personal-data" className="mt-10 max-w-2xl border-t-2 border-border pt-6">
        <ArrivalHeading id="personal-data" focus={justErased}>
          Personal data erased
        </ArrivalHeading>
        <p className="mb-4">
          Erased {formatDateTime(erasedAt)}
          {erasure ? ` by ${erasure.erasedBy}` : ""}. Their name, contact details, address and the council&apos;s ids
          for them were removed from the directory, and they cannot sign in.
        </p>
        {counts ? (
          <Table
            caption="What was erased"
            columns={columns}
            rows={(Object.keys(countLabels) as (keyof ErasureCounts)[]).map((kind) => ({ kind, count: counts[kind] }))}
            rowKey={(row) => row.kind}
            className="mb-6"
          />
        ) : (
          <p className="mb-4">The change history does not say how many records changed.</p>
        )}
        {download}
      </section>
    );
  }
  return (
    <section aria-labelledby="personal-data" className="mt-10 max-w-2xl border-t-2 border-border pt-6">
      <h2 id="personal-data" className="mb-4 text-2xl font-bold">
        Personal data
      </h2>
      {download}
      <p className="mb-4">
        Erasing removes their details from the directory and from every notification, message, letter and history entry
        they appear in. It cannot be undone.
      </p>
      <Link href={`/admin/people/${personId}/erase`} className={buttonClasses("warning", "no-underline")}>
        Erase this person&apos;s personal data
      </Link>
    </section>
  );
}
