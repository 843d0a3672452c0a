import { Table, type TableColumn } from "@/components/ui/table";
import type { EventRulePreview } from "@/lib/rules/preview-schema";
import { describePreviewRecipient, eventPreviewSentences, peopleReachedText } from "@/lib/rules/preview-view";

type Notification = EventRulePreview["wouldCreate"][number];

const columns: TableColumn<Notification>[] = [
  { header: "Recipient", rowHeader: true, cell: (item) => describePreviewRecipient(item.recipient) },
  { header: "People reached now", cell: (item) => peopleReachedText(item.people) },
  { header: "Message", cell: (item) => item.message },
  { header: "Needs action", cell: (item) => (item.requireAction ? "Yes" : "No") },
];

/** An event rule's dry run: the event tried, whether it matched, and what it would make for whom. */
export function EventRulePreviewResult({ preview }: { preview: EventRulePreview }) {
  return (
    <section aria-labelledby="event-preview-heading" className="mb-8">
      <h2 id="event-preview-heading" className="mb-2 text-2xl font-bold">
        What this event would make
      </h2>
      <div className="mb-4 flex max-w-3xl flex-col gap-2 text-lg">
        {eventPreviewSentences(preview).map((sentence) => (
          <p key={sentence}>{sentence}</p>
        ))}
      </div>
      {preview.wouldCreate.length > 0 ? (
        <Table
          caption="Notifications it would make: recipients and people reached"
          columns={columns}
          rows={preview.wouldCreate}
          rowKey={(item) => JSON.stringify(item.recipient)}
        />
      ) : null}
    </section>
  );
}
