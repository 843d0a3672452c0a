import fs from "node:fs";
import { asc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "./client";
import { migrateDatabase } from "./migrate";
import { apiClients } from "./schema";
import { apiClientsBefore0030 } from "./testing/api-clients-before-0030";
import { migrationsBefore } from "./testing/migrations-before";
import { createTestDatabase } from "./testing/test-database";

// Migration 0017 gives the CSV export its own scope and grants it to the clients that already
// exported (those holding activity:read), so existing integrations keep working.

const migrationTag = "0017_activity_export_scope";

let handle: DatabaseHandle;
let folderBefore: string;

beforeAll(async () => {
  folderBefore = migrationsBefore(migrationTag);
  handle = await createTestDatabase({ migrationsFolder: folderBefore });
  const client = (name: string, scopes: (typeof apiClients.$inferInsert)["scopes"]) => ({
    name,
    scopes,
    keyHash: `hash-of-${name}`,
    keyPrefix: name.slice(0, 8),
  });
  await handle.db
    .insert(apiClientsBefore0030)
    .values([
      client("reporting-tool", ["activity:read"]),
      client("housing-frontend", ["notifications:read", "notifications:write", "activity:read", "activity:write"]),
      client("repairs-hub", ["notifications:write", "activity:write"]),
    ]);
  await migrateDatabase(handle);
});

afterAll(async () => {
  await handle?.close();
  fs.rmSync(folderBefore, { recursive: true, force: true });
});

describe("migration 0017: the activity:export scope", () => {
  it("grants activity:export to every client holding activity:read, and to no other", async () => {
    const clients = await handle.db
      .select({ name: apiClients.name, scopes: apiClients.scopes })
      .from(apiClients)
      .orderBy(asc(apiClients.name));
    expect(clients).toEqual([
      {
        name: "housing-frontend",
        scopes: ["notifications:read", "notifications:write", "activity:read", "activity:write", "activity:export"],
      },
      { name: "repairs-hub", scopes: ["notifications:write", "activity:write"] },
      { name: "reporting-tool", scopes: ["activity:read", "activity:export"] },
    ]);
  });

  it("lets clients issued afterwards hold activity:read without it, and applying again changes nothing", async () => {
    await handle.db
      .insert(apiClients)
      .values({ name: "new-reader", scopes: ["activity:read"], keyHash: "hash-of-new-reader", keyPrefix: "new-read" });
    await migrateDatabase(handle);
    const scopesByName = new Map(
      (await handle.db.select().from(apiClients)).map((client) => [client.name, client.scopes]),
    );
    expect(scopesByName.get("new-reader")).toEqual(["activity:read"]);
    expect(scopesByName.get("reporting-tool")).toEqual(["activity:read", "activity:export"]);
  });
});
