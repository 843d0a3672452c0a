import { Table, type TableColumn } from "@/components/ui/table";
import { categories, type Category } from "@/lib/rules/categories";
import type { Preferences } from "@/lib/rules/preferences";

export type Channel = "inApp" | "email" | "sms";
type Choice = Preferences["categories"][number];
type Row = { category: Category; choice: Choice };

const channelLabels: Record<Channel, string> = { inApp: "Inbox", email: "Email", sms: "Text" };

/** The id of one checkbox, so an error about that choice can link to it. */
export const choiceId = (categoryKey: string, channel: Channel) => `preference-${categoryKey}-${channel}`;

function isOffered(category: Category, channel: Channel): boolean {
  // Items that need action always reach the inbox, so that box is shown ticked but cannot be changed.
  return channel === "inApp" ? !category.requireAction : category.optionalChannels.includes(channel);
}

/** One row a category, one column a channel: a checkbox where the category offers that channel. */
export function PreferenceTable({
  choices,
  onToggle,
}: {
  choices: Preferences["categories"];
  onToggle: (categoryKey: string, channel: Channel, value: boolean) => void;
}) {
  const rows = categories.flatMap((category) => {
    const choice = choices.find((entry) => entry.category === category.key);
    return choice ? [{ category, choice }] : [];
  });
  const columns: TableColumn<Row>[] = [
    {
      header: "Category",
      rowHeader: true,
      cell: ({ category }) => (
        <>
          {category.name}
          {category.requireAction ? (
            <span className="block text-sm font-normal text-muted">Needs action: always in your inbox</span>
          ) : null}
        </>
      ),
    },
    ...(Object.keys(channelLabels) as Channel[]).map((channel) => ({
      header: channelLabels[channel],
      cell: ({ category, choice }: Row) =>
        isOffered(category, channel) || channel === "inApp" ? (
          <input
            type="checkbox"
            id={choiceId(category.key, channel)}
            aria-label={`${channelLabels[channel]}: ${category.name}`}
            checked={choice[channel]}
            disabled={!isOffered(category, channel)}
            onChange={(event) => onToggle(category.key, channel, event.target.checked)}
            className="size-6 accent-ink"
          />
        ) : (
          <span className="text-sm text-muted">Not offered</span>
        ),
    })),
  ];
  return (
    <Table
      caption="How you hear about each kind of notification"
      columns={columns}
      rows={rows}
      rowKey={({ category }) => category.key}
    />
  );
}
