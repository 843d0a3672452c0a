import fs from "node:fs";
import { randomUUID } from "node:crypto";
import { getTableColumns, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "./client";
import { migrateDatabase } from "./migrate";
import { activities } from "./schema";
import { migrationsBefore } from "./testing/migrations-before";
import { createTestDatabase } from "./testing/test-database";

// Migration 0026 gives the directory's history its own target types and moves the rows written
// before it (as `person` about a users.id, and `team`) onto them, although activities is append-only.

const migrationTag = "0026_directory_history_types";

let handle: DatabaseHandle;
let folderBefore: string;
const colleague = randomUUID();
const councilPerson = randomUUID();
const team = randomUUID();
const asset = randomUUID();

// The type as text: the TypeScript schema no longer knows `team`.
const rowsOf = () =>
  handle.db
    .select({ ...getTableColumns(activities), targetType: sql<string>`${activities.targetType}::text` })
    .from(activities)
    .orderBy(activities.id);
let before: Awaited<ReturnType<typeof rowsOf>>;

beforeAll(async () => {
  folderBefore = migrationsBefore(migrationTag);
  handle = await createTestDatabase({ migrationsFolder: folderBefore });
  await handle.db.execute(
    sql`insert into users (id, name, email, roles)
      values (${colleague}, 'Priya Shah', 'priya.shah@council.example', '{housing-officer}')`,
  );
  const author = JSON.stringify({ fullName: "Alex Morgan", email: "alex.morgan@council.example" });
  const row = (targetType: string, targetId: string, sourceDomain: string) =>
    sql`(${targetType}::activity_target_type, ${targetId}, 'update', ${author}::jsonb, ${sourceDomain},
      '{"mobileNumber":"07700900123"}'::jsonb)`;
  await handle.db
    .execute(sql`insert into activities (target_type, target_id, type, author_details, source_domain, new_data)
    values ${sql.join(
      [
        row("person", colleague, "Directory"),
        row("person", colleague, "Single sign-on"),
        row("team", team, "Directory"),
        // A client's history about the council's person record, and one that only claims the directory's name.
        row("person", councilPerson, "Person"),
        row("person", councilPerson, "Directory"),
        row("asset", asset, "Directory"),
      ],
      sql`, `,
    )}`);
  before = await rowsOf();
  await migrateDatabase(handle);
});

afterAll(async () => {
  await handle?.close();
  fs.rmSync(folderBefore, { recursive: true, force: true });
});

describe("migration 0026: the directory's own history types", () => {
  it("moves the directory's and single sign-on's rows about an account, and no others", async () => {
    const after = await rowsOf();
    const typeOf = (targetId: string, sourceDomain: string) =>
      after.find((row) => row.targetId === targetId && row.sourceDomain === sourceDomain)?.targetType;
    expect(typeOf(colleague, "Directory")).toBe("directoryPerson");
    expect(typeOf(colleague, "Single sign-on")).toBe("directoryPerson");
    expect(typeOf(team, "Directory")).toBe("directoryTeam");
    expect(typeOf(councilPerson, "Person")).toBe("person");
    expect(typeOf(councilPerson, "Directory")).toBe("person");
    expect(typeOf(asset, "Directory")).toBe("asset");
  });

  it("keeps every row's id, times and other columns, and the table append-only", async () => {
    const after = await rowsOf();
    const withoutType = (rows: typeof after) => rows.map(({ targetType: _type, ...rest }) => rest);
    expect(after).toHaveLength(6);
    expect(withoutType(after)).toEqual(withoutType(before));
    await expect(handle.db.execute(sql`update activities set source_domain = 'x'`)).rejects.toThrow();
    const report = await handle.db
      .select({ targetType: sql<string>`target_type` })
      .from(sql`activity_history_report`)
      .where(sql`target_id = ${team}`);
    expect(report).toEqual([{ targetType: "directoryTeam" }]);
  });
});
