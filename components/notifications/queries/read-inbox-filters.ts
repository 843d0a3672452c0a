import { z } from "zod";
import { notificationFilterFields } from "@/lib/notifications/contract/notification-filters";

// A hand-edited or stale link must still open the inbox, so a value the API would refuse is
// dropped here rather than failing the page; a blank field is no filter.
const fromUrl = <Field extends z.ZodType<string | undefined>>(field: Field) =>
  z
    .preprocess((value) => (typeof value === "string" ? value.trim() || undefined : value), field)
    .optional()
    .catch(undefined);

/** The inbox's tabs: the API's statuses but "read", which has no tab. */
export const inboxStatusSchema = notificationFilterFields.status.unwrap().exclude(["read"]);
export type InboxStatus = z.infer<typeof inboxStatusSchema>;

/**
 * The inbox filters in a URL, parsed by the API's own field schemas, so the server render and the
 * browser normalise them the same way and share one cache key.
 */
export const inboxFiltersSchema = z.object({
  status: inboxStatusSchema.catch("all"),
  category: fromUrl(notificationFilterFields.category),
  targetType: fromUrl(notificationFilterFields.targetType),
  from: fromUrl(notificationFilterFields.from),
  to: fromUrl(notificationFilterFields.to),
  q: fromUrl(notificationFilterFields.q),
});
export type InboxFilters = z.infer<typeof inboxFiltersSchema>;

const filterNames = Object.keys(inboxFiltersSchema.shape);

/** Whether anything narrows the list besides the tab. */
export function hasFilters(filters: InboxFilters): boolean {
  return Boolean(filters.category || filters.targetType || filters.from || filters.to || filters.q);
}

/** The filters in a URL's query; anything unrecognised is dropped, and the tab defaults to all. */
export function readInboxFilters(get: (name: string) => string | null | undefined): InboxFilters {
  const present = filterNames.flatMap((name) => {
    const value = get(name);
    return value === null || value === undefined ? [] : [[name, value]];
  });
  return inboxFiltersSchema.parse(Object.fromEntries(present));
}
