import fs from "node:fs";
import { asc, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf, type DatabaseHandle } from "./client";
import { migrateDatabase } from "./migrate";
import { notificationPreferences } from "./schema";
import { migrationsBefore } from "./testing/migrations-before";
import { createTestDatabase } from "./testing/test-database";

// Migrations 0024–0025 replace the email tick with a three-way choice (straight away, daily digest,
// off): a person who ticked email keeps getting each item straight away, one who did not gets none.

const migrationTag = "0024_email_mode_and_daily_digests";

let handle: DatabaseHandle;
let folderBefore: string;

beforeAll(async () => {
  folderBefore = migrationsBefore(migrationTag);
  handle = await createTestDatabase({ migrationsFolder: folderBefore });
  // The old shape, written as SQL: the schema in code no longer has the `email` column.
  const [user] = rowsOf<{ id: string }>(
    await handle.db.execute(
      sql`insert into users (name, email, roles) values ('Farid Khan', 'farid.khan@council.example', '{finance-officer}') returning id`,
    ),
  );
  await handle.db.execute(sql`
    insert into notification_preferences (user_id, category, in_app, email, sms) values
      (${user!.id}, 'newProperty', false, true, false),
      (${user!.id}, 'newTenure', true, false, true)`);
  await migrateDatabase(handle);
});

afterAll(async () => {
  await handle?.close();
  fs.rmSync(folderBefore, { recursive: true, force: true });
});

describe("migrations 0024–0025: email becomes straight away, daily digest or off", () => {
  it("keeps each existing choice meaning what it meant, and the other choices as they were", async () => {
    const rows = await handle.db
      .select({
        category: notificationPreferences.category,
        inApp: notificationPreferences.inApp,
        emailMode: notificationPreferences.emailMode,
        sms: notificationPreferences.sms,
      })
      .from(notificationPreferences)
      .orderBy(asc(notificationPreferences.category));
    expect(rows).toEqual([
      { category: "newProperty", inApp: false, emailMode: "immediate", sms: false },
      { category: "newTenure", inApp: true, emailMode: "off", sms: true },
    ]);
  });
});
