import fs from "node:fs";
import { asc, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "./client";
import { migrateDatabase } from "./migrate";
import { ruleTrackedRecords } from "./schema";
import { migrationsBefore } from "./testing/migrations-before";
import { createTestDatabase } from "./testing/test-database";

// Migration 0028 adds rule_tracked_records and fills it from the history already stored: each
// record's latest activity. History does not say whether a record was closed, so one quiet for more
// than 14 days (the longest a seeded stalled rule waits) counts as closed until its next activity,
// rather than every long-finished process being announced as stalled on the first sweep.

const migrationTag = "0028_stalled_records_state";

let handle: DatabaseHandle;
let folderBefore: string;
const process = "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0f01";
const workOrder = "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0f02";
const recentProcess = "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0f03";

beforeAll(async () => {
  folderBefore = migrationsBefore(migrationTag);
  handle = await createTestDatabase({ migrationsFolder: folderBefore });
  const author = sql`'{"fullName":"Pat Clerk","email":"pat@council.example"}'::jsonb`;
  await handle.db.execute(sql`
    insert into activities (target_type, target_id, type, created_at, author_details) values
      ('process', ${process}, 'create', '2026-03-02T10:00:00Z', ${author}),
      ('process', ${process}, 'update', '2026-03-09T10:00:00Z', ${author}),
      ('process', ${process}, 'update', '2026-03-05T10:00:00Z', ${author}),
      ('workOrder', ${workOrder}, 'create', '2026-04-01T08:30:00Z', ${author}),
      ('process', ${recentProcess}, 'create', now() - interval '3 days', ${author})`);
  await migrateDatabase(handle);
});

afterAll(async () => {
  await handle?.close();
  fs.rmSync(folderBefore, { recursive: true, force: true });
});

describe("migration 0028: each record's latest activity", () => {
  it("holds one row per record at its latest activity, open if that was within 14 days, closed then if not", async () => {
    const rows = await handle.db
      .select()
      .from(ruleTrackedRecords)
      .orderBy(asc(ruleTrackedRecords.targetType), asc(ruleTrackedRecords.targetId));
    const quietSince = (time: string) => ({ lastActivityAt: new Date(time), closedAt: new Date(time) });
    expect(rows).toEqual([
      { targetType: "process", targetId: process, ...quietSince("2026-03-09T10:00:00Z") },
      { targetType: "process", targetId: recentProcess, lastActivityAt: expect.any(Date), closedAt: null },
      { targetType: "workOrder", targetId: workOrder, ...quietSince("2026-04-01T08:30:00Z") },
    ]);
  });
});
