import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "./client";
import { migrateDatabase, migrationsFolder } from "./migrate";
import { ruleTrackedRecords } from "./schema";
import { createTestDatabase } from "./testing/test-database";

// Migration 0028 adds rule_tracked_records and fills it from the history already stored: each
// record's latest activity, so stalled rules see records that went quiet before it ran.

const migrationTag = "0028_stalled_records_state";

/** A copy of the committed migrations that stops just before `tag`. */
function migrationsBefore(tag: string): string {
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

let handle: DatabaseHandle;
let folderBefore: string;
const process = "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0f01";
const workOrder = "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0f02";

beforeAll(async () => {
  folderBefore = migrationsBefore(migrationTag);
  handle = await createTestDatabase({ migrationsFolder: folderBefore });
  const author = sql`'{"fullName":"Pat Clerk","email":"pat@council.example"}'::jsonb`;
  await handle.db.execute(sql`
    insert into activities (target_type, target_id, type, created_at, author_details) values
      ('process', ${process}, 'create', '2026-03-02T10:00:00Z', ${author}),
      ('process', ${process}, 'update', '2026-03-09T10:00:00Z', ${author}),
      ('process', ${process}, 'update', '2026-03-05T10:00:00Z', ${author}),
      ('workOrder', ${workOrder}, 'create', '2026-04-01T08:30:00Z', ${author})`);
  await migrateDatabase(handle);
});

afterAll(async () => {
  await handle?.close();
  fs.rmSync(folderBefore, { recursive: true, force: true });
});

describe("migration 0028: each record's latest activity", () => {
  it("holds one open row per record with the time of its latest activity", async () => {
    const rows = await handle.db.select().from(ruleTrackedRecords).orderBy(asc(ruleTrackedRecords.targetType));
    expect(rows).toEqual([
      { targetType: "process", targetId: process, lastActivityAt: new Date("2026-03-09T10:00:00Z"), closedAt: null },
      {
        targetType: "workOrder",
        targetId: workOrder,
        lastActivityAt: new Date("2026-04-01T08:30:00Z"),
        closedAt: null,
      },
    ]);
  });
});
