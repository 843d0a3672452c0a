import fs from "node:fs";
import { asc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "./client";
import { migrateDatabase } from "./migrate";
import { apiClients } from "./schema";
import { apiClientsBefore0030 } from "./testing/api-clients-before-0030";
import { migrationsBefore } from "./testing/migrations-before";
import { createTestDatabase } from "./testing/test-database";

// Migration 0023 adds visits:manage to the scope enum. Clients issued before it keep exactly their scopes.

const migrationTag = "0023_visits_and_cancelled_by_request";

let handle: DatabaseHandle;
let folderBefore: string;

beforeAll(async () => {
  folderBefore = migrationsBefore(migrationTag);
  handle = await createTestDatabase({ migrationsFolder: folderBefore });
  await handle.db.insert(apiClientsBefore0030).values([
    { name: "directory-sync", scopes: ["directory:manage"], keyHash: "hash-of-directory-sync", keyPrefix: "director" },
    {
      name: "housing-frontend",
      scopes: ["notifications:read", "activity:read", "activity:export"],
      keyHash: "hash-of-housing-frontend",
      keyPrefix: "housing-",
    },
  ]);
  await migrateDatabase(handle);
});

afterAll(async () => {
  await handle?.close();
  fs.rmSync(folderBefore, { recursive: true, force: true });
});

describe("migration 0023: the visits:manage scope", () => {
  it("keeps every existing client's scopes and grants visits:manage to none", async () => {
    const clients = await handle.db
      .select({ name: apiClients.name, scopes: apiClients.scopes })
      .from(apiClients)
      .orderBy(asc(apiClients.name));
    expect(clients).toEqual([
      { name: "directory-sync", scopes: ["directory:manage"] },
      { name: "housing-frontend", scopes: ["notifications:read", "activity:read", "activity:export"] },
    ]);
  });

  it("lets a client be issued visits:manage afterwards", async () => {
    await handle.db.insert(apiClients).values({
      name: "visits-booker",
      scopes: ["visits:manage"],
      keyHash: "hash-of-visits-booker",
      keyPrefix: "visits-b",
    });
    const stored = await handle.db.select({ name: apiClients.name, scopes: apiClients.scopes }).from(apiClients);
    expect(stored.find((client) => client.name === "visits-booker")?.scopes).toEqual(["visits:manage"]);
  });
});
