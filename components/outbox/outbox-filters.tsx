import { channelNames } from "@/components/notifications/describe-notification";
import { FilterForm } from "@/components/ui/filter-form";
import { SelectField, type SelectFilter } from "@/components/ui/select-field";
import { deliveryChannels } from "@/db/schema";
import { outboxStatuses, type OutboxSearch } from "@/lib/delivery-outbox/schemas";

const selects: SelectFilter<"status" | "channel">[] = [
  {
    name: "status",
    label: "Status",
    anyLabel: "Any status",
    options: outboxStatuses.map((status) => ({ value: status, label: status })),
  },
  {
    name: "channel",
    label: "Channel",
    anyLabel: "Any channel",
    options: deliveryChannels.map((channel) => ({ value: channel, label: channelNames[channel] })),
  },
];

/** A plain GET form, so the filters live in the URL and work without JavaScript. */
export function OutboxFilters({ search }: { search: OutboxSearch }) {
  return (
    <FilterForm
      label="Filter deliveries"
      method="get"
      action="/admin/outbox"
      clearHref={search.status || search.channel ? "/admin/outbox" : undefined}
      className="mb-6"
    >
      {selects.map((select) => (
        <SelectField key={select.name} id={`outbox-${select.name}`} {...select} defaultValue={search[select.name]} />
      ))}
    </FilterForm>
  );
}
