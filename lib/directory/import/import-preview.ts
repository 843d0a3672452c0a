import type { ImportResult } from "./import-people";

// How the admin page shows an import's preview; safe to import in the browser.

/** How many people an import adds or changes: what the "Import N changes" button counts. */
export const changeCount = (result: Pick<ImportResult, "created" | "updated">) => result.created + result.updated;

/** A field's value as the preview shows it: lists joined, nothing as "(blank)". */
export function describeImportValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "(blank)";
  if (Array.isArray(value)) return value.length === 0 ? "(none)" : value.map(String).join(", ");
  return String(value);
}
