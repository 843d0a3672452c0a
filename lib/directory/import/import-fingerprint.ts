import { createHash } from "node:crypto";
import type { ImportResult } from "./import-people";

// The admin page's import in two steps: a dry run shown as a preview, then "Import N changes". The
// directory may change between the two, so the import is applied only if it does exactly what the
// preview showed; the preview's fingerprint travels with the file to check it.

/** A fingerprint of what an import does, line by line; the same for its dry run and its real run. */
export function importFingerprint(result: ImportResult): string {
  const lines = result.lines.map(({ line, outcome, name, changes }) => [line, outcome, name, changes]);
  return createHash("sha256").update(JSON.stringify(lines)).digest("base64url");
}
