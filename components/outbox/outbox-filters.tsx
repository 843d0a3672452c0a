import { buttonClasses } from "@/components/ui/button";
import { deliveryChannels } from "@/db/schema";
import { outboxStatuses, type OutboxSearch } from "@/lib/delivery-outbox/schemas";

import { channelNames } from "@/components/notifications/describe-notification";

/** A plain GET form, so the filters live in the URL and work without JavaScript. */
export function OutboxFilters({ search }: { search: OutboxSearch }) {
  return (
    <form method="get" action="/admin/outbox" className="mb-6 flex flex-wrap items-end gap-4 bg-panel p-4">
      <div>
        <label htmlFor="outbox-status" className="block font-semibold">
          Status
        </label>
        <select id="outbox-status" name="status" defaultValue={search.status ?? ""} className="mt-1 border-2 border-ink bg-white px-2 py-1">
          <option value="">Any status</option>
          {outboxStatuses.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="outbox-channel" className="block font-semibold">
          Channel
        </label>
        <select id="outbox-channel" name="channel" defaultValue={search.channel ?? ""} className="mt-1 border-2 border-ink bg-white px-2 py-1">
          <option value="">Any channel</option>
          {deliveryChannels.map((channel) => (
            <option key={channel} value={channel}>
              {channelNames[channel]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonClasses("secondary")}>
        Apply filters
      </button>
    </form>
  );
}
