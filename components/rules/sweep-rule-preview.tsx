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

const escalationColumns: TableColumn<EscalationItem>[] = [
  { header: "Item", rowHeader: true, cell: (item) => item.message ?? "(no message)" },
  { header: "Sent", cell: (item) => formatDateTime(item.createdDate) },
  { header: "Record", cell: (item) => timelineLink(item.targetType, item.targetId), className: "break-all" },
  { header: "Who would get it", cell: (item) => escalationAudienceText(item.sentTo, item.recipients) },
];

export function EscalationRulePreviewResult({ preview }: { preview: EscalationRulePreview }) {
  const lists = [
    {
      key: "escalations",
      title: "Due for escalation",
      list: preview.escalations,
      what: { one: "item due for escalation", many: "items due for escalation" },
    },
    {
      key: "reminders",
      title: "Due for a reminder",
      list: preview.reminders,
      what: { one: "item due for a reminder", many: "items due for a reminder" },
    },
  ];
  return (
    <>
      {lists.map(({ key, title, list, what }) => (
        <section key={key} aria-labelledby={`${key}-heading`} className="mb-8">
          <h2 id={`${key}-heading`} className="mb-2 text-2xl font-bold">
            {title}
          </h2>
          <p className="mb-4 text-lg">{countSentence(list.total, list.items.length, what)}</p>
          {list.items.length > 0 ? (
            <Table
              caption={title}
              captionHidden
              columns={escalationColumns}
              rows={list.items}
              rowKey={(item) => item.notificationId}
            />
          ) : null}
        </section>
      ))}
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
  const { stalled } = preview;
  return (
    <section aria-labelledby="stalled-heading" className="mb-8">
      <h2 id="stalled-heading" className="mb-2 text-2xl font-bold">
        Records that would be flagged
      </h2>
      <p className="mb-4 text-lg">
        {countSentence(stalled.total, stalled.items.length, { one: "stalled record", many: "stalled records" })}
      </p>
      {stalled.items.length > 0 ? (
        <Table
          caption="Records that would be flagged, quietest first"
          captionHidden
          columns={stalledColumns}
          rows={stalled.items}
          rowKey={(item) => `${item.targetType}/${item.targetId}`}
        />
      ) : null}
    </section>
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
  const { reminders } = preview;
  return (
    <section aria-labelledby="reminders-heading" className="mb-8">
      <h2 id="reminders-heading" className="mb-2 text-2xl font-bold">
        Reminders due
      </h2>
      <p className="mb-4 text-lg">
        {countSentence(reminders.total, reminders.items.length, { one: "reminder due", many: "reminders due" })}
      </p>
      {reminders.items.length > 0 ? (
        <Table
          caption="Reminders due now, with what each visit's timeline would say"
          captionHidden
          columns={reminderColumns}
          rows={reminders.items}
          rowKey={(item) => `${item.visitId}/${item.offset}`}
        />
      ) : null}
    </section>
  );
}
