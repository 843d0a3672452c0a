import { channelNames } from "@/components/notifications/describe-notification";
import { Table, type TableColumn } from "@/components/ui/table";
import { deliveryChannels } from "@/db/schema";
import { deliveryOutcomes, type DailyDeliveries } from "@/lib/operations/delivery-counts";
import { formatDay, outcomeLabels } from "@/lib/operations/format";
import { StackedBarChart, type ChartRow, type ChartSeries } from "./stacked-bar-chart";

// Colours from the GOV.UK palette, each at least 3:1 against white (WCAG 1.4.11); the legend, the
// keyboard tooltip and the table carry the same information without colour.
const channelSeries: ChartSeries[] = [
  { key: "email", label: channelNames.email, colour: "#1d70b8" },
  { key: "sms", label: channelNames.sms, colour: "#4c2c92" },
  { key: "letter", label: channelNames.letter, colour: "#505a5f" },
];
const outcomeSeries: ChartSeries[] = [
  { key: "delivered", label: outcomeLabels.delivered, colour: "#00703c" },
  { key: "inProgress", label: outcomeLabels.inProgress, colour: "#1d70b8" },
  { key: "failed", label: outcomeLabels.failed, colour: "#d4351c" },
  { key: "cancelled", label: outcomeLabels.cancelled, colour: "#505a5f" },
];

type Section = {
  id: string;
  title: string;
  description: string;
  series: ChartSeries[];
  values: (day: DailyDeliveries) => Record<string, number>;
};

const sections: Section[] = [
  {
    id: "by-channel",
    title: "Messages per day by channel",
    description: "Emails, text messages and letters sent through GOV.UK Notify each day, stacked by channel.",
    series: channelSeries,
    values: (day) => Object.fromEntries(deliveryChannels.map((channel) => [channel, day.byChannel[channel]])),
  },
  {
    id: "by-outcome",
    title: "Messages per day by status",
    description:
      "The same messages each day, stacked by what became of them: delivered, in progress, failed or cancelled.",
    series: outcomeSeries,
    values: (day) => Object.fromEntries(deliveryOutcomes.map((outcome) => [outcome, day.byOutcome[outcome]])),
  },
];

type Row = ChartRow & { total: number };

/** The two charts of the last fortnight's messages, each over a table of the same numbers. */
export function DeliveryCharts({ days }: { days: readonly DailyDeliveries[] }) {
  return sections.map((section) => {
    const rows: Row[] = days.map((day) => ({ label: formatDay(day.day), total: day.total, ...section.values(day) }));
    const columns: TableColumn<Row>[] = [
      { header: "Day", cell: (row) => row.label, rowHeader: true },
      ...section.series.map((item) => ({ header: item.label, cell: (row: Row) => row[item.key], numeric: true })),
      { header: "Total", cell: (row) => row.total, numeric: true },
    ];
    const headingId = `${section.id}-heading`;
    return (
      <section key={section.id} aria-labelledby={headingId} className="mb-10">
        <h2 id={headingId} className="mb-2 text-2xl font-bold">
          {section.title}
        </h2>
        <p className="mb-4 max-w-3xl text-lg">{section.description}</p>
        <StackedBarChart
          title={section.title}
          description={section.description}
          rows={rows}
          series={section.series}
          table={
            <Table caption={section.title} captionHidden columns={columns} rows={rows} rowKey={(row) => row.label} />
          }
        />
      </section>
    );
  });
}
