import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrationsFolder } from "@/db/migrate";

/**
 * A copy of the committed migrations that stops just before `tag`, for a test of one migration: it
 * migrates a database to there, adds the rows the migration changes, then applies the rest.
 * Remove the folder when done.
 */
export function migrationsBefore(tag: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-before-"));
  fs.cpSync(migrationsFolder, folder, { recursive: true });
  const journalFile = path.join(folder, "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
  const index = journal.entries.findIndex((entry) => entry.tag === tag);
  if (index < 0) throw new Error(`No migration ${tag}`);
  journal.entries = journal.entries.slice(0, index);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}
