import Link from "next/link";
import { channelNames } from "@/components/notifications/describe-notification";
import { Table, type TableColumn } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format/dates";
import type { EscalationRulePreview, ReminderRulePreview, StalledRulePreview } from "@/lib/rules/preview-schema";
import { countSentence, describePreviewRecipient, escalationAudienceText } from "@/lib/rules/preview-view";

// The dry runs of the sweeping kinds: what the next sweep would take now, one table each.

type EscalationItem = EscalationRulePreview["escalations"]["items"][number];
type StalledItem = StalledRulePreview["stalled"]["items"][number];
type ReminderItem = ReminderRulePreview["reminders"]["items"][number];

const timelineLink = (targetType: string | null, targetId: string | null) =>
  targetType && targetId ? (
    <Link href={`/activity/${encodeURIComponent(targetType)}/${encodeURIComponent(targetId)}`}>
      {targetType} {targetId}
    </Link>
  ) : (
    "None"
  );

/** One list of a dry run: its heading, how many there are, and the first of them in a table. */
function PreviewListSection<Item>({
  id,
  title,
  list,
  what,
  caption,
  columns,
  rowKey,
}: {
  id: string;
  title: string;
  list: { total: number; items: readonly Item[] };
  what: { one: string; many: string };
  caption: string;
  columns: TableColumn<Item>[];
  rowKey: (item: Item) => string;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="mb-8">
      <h2 id={`${id}-heading`} className="mb-2 text-2xl font-bold">
        {title}
      </h2>
      <p className="mb-4 text-lg">{countSentence(list.total, list.items.length, what)}</p>
      {list.items.length > 0 ? (
        <Table caption={caption} captionHidden columns={columns} rows={list.items} rowKey={rowKey} />
      ) : null}
    </section>
  );
}

const escalationColumns: TableColumn<EscalationItem>[] = [
  { header: "Item", rowHeader: true, cell: (item) => item.message ?? "(no message)" },
  { header: "Sent", cell: (item) => formatDateTime(item.createdDate) },
  { header: "Record", cell: (item) => timelineLink(item.targetType, item.targetId), className: "break-all" },
  { header: "Who would get it", cell: (item) => escalationAudienceText(item.sentTo, item.recipients) },
];

export function EscalationRulePreviewResult({ preview }: { preview: EscalationRulePreview }) {
  return (
    <>
      <PreviewListSection
        id="escalations"
        title="Due for escalation"
        list={preview.escalations}
        what={{ one: "item due for escalation", many: "items due for escalation" }}
        caption="Due for escalation"
        columns={escalationColumns}
        rowKey={(item) => item.notificationId}
      />
      <PreviewListSection
        id="reminders"
        title="Due for a reminder"
        list={preview.reminders}
        what={{ one: "item due for a reminder", many: "items due for a reminder" }}
        caption="Due for a reminder"
        columns={escalationColumns}
        rowKey={(item) => item.notificationId}
      />
    </>
  );
}

const stalledColumns: TableColumn<StalledItem>[] = [
  {
    header: "Record",
    rowHeader: true,
    cell: (item) => timelineLink(item.targetType, item.targetId),
    className: "break-all",
  },
  { header: "Quiet for", cell: (item) => item.quietFor },
  { header: "Last activity", cell: (item) => formatDateTime(item.lastActivityAt) },
  { header: "Who gets it", cell: (item) => `${describePreviewRecipient(item.recipient)} (${item.sentTo})` },
  { header: "Message", cell: (item) => item.message },
];

export function StalledRulePreviewResult({ preview }: { preview: StalledRulePreview }) {
  return (
    <PreviewListSection
      id="stalled"
      title="Records that would be flagged"
      list={preview.stalled}
      what={{ one: "stalled record", many: "stalled records" }}
      caption="Records that would be flagged, quietest first"
      columns={stalledColumns}
      rowKey={(item) => `${item.targetType}/${item.targetId}`}
    />
  );
}

const reminderChannels = { ...channelNames, inbox: "Inbox" } as const;

const reminderColumns: TableColumn<ReminderItem>[] = [
  { header: "Visit", rowHeader: true, cell: (item) => formatDateTime(item.startsAt) },
  { header: "Before the visit", cell: (item) => item.offset },
  { header: "How", cell: (item) => (item.channel ? reminderChannels[item.channel] : "Not sent") },
  { header: "To", cell: (item) => describePreviewRecipient(item.recipient) },
  { header: "Why", cell: (item) => item.explanation },
];

export function ReminderRulePreviewResult({ preview }: { preview: ReminderRulePreview }) {
  return (
    <PreviewListSection
      id="reminders"
      title="Reminders due"
      list={preview.reminders}
      what={{ one: "reminder due", many: "reminders due" }}
      caption="Reminders due now, with what each visit's timeline would say"
      columns={reminderColumns}
      rowKey={(item) => `${item.visitId}/${item.offset}`}
    />
  );
}
