import type { OutboxSearch } from "./schemas";

/** The outbox URL for a view: the filters, and a keyset position for older pages. */
export function outboxHref(search: OutboxSearch): string {
  const query = new URLSearchParams();
  if (search.status) query.set("status", search.status);
  if (search.channel) query.set("channel", search.channel);
  if (search.after) query.set("after", search.after);
  return query.size > 0 ? `/admin/outbox?${query}` : "/admin/outbox";
}
