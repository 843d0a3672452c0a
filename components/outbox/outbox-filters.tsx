import { channelNames } from "@/components/notifications/describe-notification";
import { buttonClasses } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { deliveryChannels } from "@/db/schema";
import { outboxStatuses, type OutboxSearch } from "@/lib/delivery-outbox/schemas";

const statusOptions = outboxStatuses.map((status) => ({ value: status, label: status }));
const channelOptions = deliveryChannels.map((channel) => ({ value: channel, label: channelNames[channel] }));

/** A plain GET form, so the filters live in the URL and work without JavaScript. */
export function OutboxFilters({ search }: { search: OutboxSearch }) {
  return (
    <form method="get" action="/admin/outbox" className="mb-6 flex flex-wrap items-end gap-4 bg-panel p-4">
      <SelectField
        id="outbox-status"
        name="status"
        label="Status"
        anyLabel="Any status"
        options={statusOptions}
        defaultValue={search.status}
      />
      <SelectField
        id="outbox-channel"
        name="channel"
        label="Channel"
        anyLabel="Any channel"
        options={channelOptions}
        defaultValue={search.channel}
      />
      <button type="submit" className={buttonClasses("secondary")}>
        Apply filters
      </button>
    </form>
  );
}
