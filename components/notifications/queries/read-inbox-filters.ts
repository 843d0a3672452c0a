import { categoryKeys } from "@/lib/rules/categories";
import type { InboxFilters, InboxStatus } from "./notification-keys";

const statuses: readonly InboxStatus[] = ["all", "unread", "actionRequired", "archived"];
const isoDay = /^\d{4}-\d{2}-\d{2}$/;
const known = new Set<string>(categoryKeys);

/** Whether anything narrows the list besides the tab. */
export function hasFilters(filters: InboxFilters): boolean {
  return Boolean(filters.category || filters.targetType || filters.from || filters.to || filters.q);
}

/**
 * The inbox filters in a URL, normalised the same way on the server and in the browser so both
 * use one cache key. Anything unrecognised is dropped rather than failing the whole page.
 */
export function readInboxFilters(get: (name: string) => string | null | undefined): InboxFilters {
  const status = get("status");
  const text = (name: string, max: number) => {
    const value = get(name)?.trim();
    return value ? value.slice(0, max) : undefined;
  };
  const day = (name: string) => {
    const value = get(name);
    return value && isoDay.test(value) && !Number.isNaN(Date.parse(value)) ? value : undefined;
  };
  const category = get("category");
  const filters: InboxFilters = {
    status: statuses.includes(status as InboxStatus) ? (status as InboxStatus) : "all",
    category: category && known.has(category) ? category : undefined,
    targetType: text("targetType", 50),
    from: day("from"),
    to: day("to"),
    q: text("q", 200),
  };
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)) as InboxFilters;
}
