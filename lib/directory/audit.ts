import type { ActivityEntry } from "@/lib/activity/record-activity";

// What a directory change writes to the activity history: only the fields that changed, before and after.

export type FieldChanges = { oldData: Record<string, unknown>; newData: Record<string, unknown> };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields whose value differs, with the old and the new value; null when nothing changed. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: T): FieldChanges | null {
  const keys = Object.keys(after).filter((key) => !same(before[key], after[key]));
  if (keys.length === 0) return null;
  return {
    oldData: Object.fromEntries(keys.map((key) => [key, before[key]])),
    newData: Object.fromEntries(keys.map((key) => [key, after[key]])),
  };
}

/** A new record's fields that hold something, as a create's newData. */
export function filledFields(record: Record<string, unknown>): Record<string, unknown> {
  const empty = (value: unknown) =>
    value === null || value === undefined || value === false || (Array.isArray(value) && value.length === 0);
  return Object.fromEntries(Object.entries(record).filter(([, value]) => !empty(value)));
}

/**
 * An activity entry for a person or a team the directory created or changed. Their own target types
 * keep colleagues' contact details from staff whose history covers `person` (lib/auth/permissions.ts).
 */
export function directoryActivity(
  targetType: "directoryPerson" | "directoryTeam",
  targetId: string,
  change: { type: "create"; record: Record<string, unknown> } | { type: "update"; changes: FieldChanges },
): ActivityEntry {
  return {
    targetType,
    targetId,
    type: change.type,
    oldData: change.type === "create" ? null : change.changes.oldData,
    newData: change.type === "create" ? filledFields(change.record) : change.changes.newData,
    sourceDomain: "Directory",
  };
}
