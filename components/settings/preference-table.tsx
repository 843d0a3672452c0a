import { ChoiceGroup } from "@/components/ui/choice-group";
import { errorId, FieldError } from "@/components/ui/field-error";
import { Table, type TableColumn } from "@/components/ui/table";
import { categories, type Category } from "@/lib/rules/categories";
import type { EmailMode } from "@/db/schema";
import type { Preferences } from "@/lib/rules/preferences";

export const channels = ["inApp", "email", "sms"] as const;
export type Channel = (typeof channels)[number];
/** The channels answered by a tick; email is answered by one of three choices. */
export type TickedChannel = Exclude<Channel, "email">;
type Choice = Preferences["categories"][number];
type Row = { category: Category; choice: Choice };

const channelLabels: Record<Channel, string> = { inApp: "Inbox", email: "Email", sms: "Text" };

const emailChoices: { value: EmailMode; label: string }[] = [
  { value: "immediate", label: "Straight away" },
  { value: "daily", label: "Daily digest at 8am" },
  { value: "off", label: "Off" },
];
const isEmailMode = (value: string): value is EmailMode => emailChoices.some((choice) => choice.value === value);

/** The id of one checkbox (or the first email radio), so an error about that choice can link to it. */
export const choiceId = (categoryKey: string, channel: Channel) => `preference-${categoryKey}-${channel}`;

function isOffered(category: Category, channel: Channel): boolean {
  // Items that need action always reach the inbox, so that box is shown ticked but cannot be changed.
  return channel === "inApp" ? !category.requireAction : category.optionalChannels.includes(channel);
}

/**
 * One row a category, one column a channel: a checkbox where the category offers that channel, and
 * for email a radio group (straight away, daily digest, off). `errors` holds the server's message
 * for a choice by control id; it is shown in that cell.
 */
export function PreferenceTable({
  choices,
  onToggle,
  onEmailMode,
  errors,
}: {
  choices: Preferences["categories"];
  onToggle: (categoryKey: string, channel: TickedChannel, value: boolean) => void;
  onEmailMode: (categoryKey: string, mode: EmailMode) => void;
  errors: Record<string, string>;
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
    ...channels.map((channel) => ({
      header: channelLabels[channel],
      cell: ({ category, choice }: Row) => {
        if (!isOffered(category, channel) && channel !== "inApp")
          return <span className="text-sm text-muted">Not offered</span>;
        const id = choiceId(category.key, channel);
        if (channel === "email")
          return (
            <ChoiceGroup
              id={id}
              legend={`Email: ${category.name}`}
              legendHidden
              type="radio"
              name={`email-${category.key}`}
              error={errors[id]}
              options={emailChoices}
              checked={(value) => choice.email === value}
              onChange={(value, checked) => {
                if (checked && isEmailMode(value)) onEmailMode(category.key, value);
              }}
            />
          );
        return (
          <>
            <input
              type="checkbox"
              id={id}
              aria-label={`${channelLabels[channel]}: ${category.name}`}
              aria-describedby={errors[id] ? errorId(id) : undefined}
              aria-invalid={errors[id] ? true : undefined}
              checked={choice[channel]}
              disabled={!isOffered(category, channel)}
              onChange={(event) => onToggle(category.key, channel, event.target.checked)}
              className="size-6 accent-ink"
            />
            {errors[id] ? <FieldError fieldId={id}>{errors[id]}</FieldError> : null}
          </>
        );
      },
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
