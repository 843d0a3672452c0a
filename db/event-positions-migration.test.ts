import fs from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf, type DatabaseHandle } from "./client";
import { migrateDatabase } from "./migrate";
import { migrationsBefore } from "./testing/migrations-before";
import { createTestDatabase } from "./testing/test-database";

// Migration 0035 gives live events commit-ordered positions. Events already stored keep their id
// as their position, so a browser that reconnects across the upgrade with an old Last-Event-ID
// resumes where it was, and every new event is positioned after them.

const migrationTag = "0035_notification_event_positions";

let handle: DatabaseHandle;
let folderBefore: string;
let oldIds: number[];

beforeAll(async () => {
  folderBefore = migrationsBefore(migrationTag);
  handle = await createTestDatabase({ migrationsFolder: folderBefore });
  // The old shape, written as SQL: the schema in code has the position column.
  const [notification] = rowsOf<{ id: string }>(
    await handle.db.execute(
      sql`insert into notifications (notification_type, message) values ('Screen', 'Before 0035') returning id`,
    ),
  );
  oldIds = rowsOf<{ id: number }>(
    await handle.db.execute(sql`
      insert into notification_events (type, notification_id)
      select 'notification.created', ${notification!.id}::uuid from generate_series(1, 3)
      returning id::int as id`),
  ).map((row) => row.id);
  await migrateDatabase(handle);
});

afterAll(async () => {
  await handle?.close();
  fs.rmSync(folderBefore, { recursive: true, force: true });
});

describe("migration 0035: live events get positions", () => {
  it("positions stored events at their id and new ones after every id", async () => {
    const stored = rowsOf<{ id: number; position: number }>(
      await handle.db.execute(
        sql`select id::int as id, position::int as position from notification_events order by id`,
      ),
    );
    expect(stored).toEqual(oldIds.map((id) => ({ id, position: id })));

    await handle.db.execute(sql`
      insert into notification_events (type, notification_id)
      select 'notification.updated', notification_id from notification_events limit 1`);
    const [newest] = rowsOf<{ position: number }>(
      await handle.db.execute(sql`select max(position)::int as position from notification_events`),
    );
    expect(newest!.position).toBeGreaterThan(Math.max(...oldIds));
  });
});
