import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, expect } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { setDatabaseHandle } from "@/db/runtime";
import { assertClassifiedAsDatabaseTest } from "./database-test-files";
import { openMigratedPglite } from "./migrated-pglite";

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a new database on the
 * TEST_DATABASE_URL server (dropped afterwards). Migrated by the production migration code, from
 * another folder of migrations when a test of one migration stops short of it.
 */
export async function createTestDatabase(options: { migrationsFolder?: string } = {}): Promise<DatabaseHandle> {
  assertClassifiedAsDatabaseTest(expect.getState().testPath);
  if (process.env.TEST_DATABASE_DRIVER !== "postgres") {
    if (!options.migrationsFolder) return openMigratedPglite();
    const handle = await openDatabase({ driver: "pglite" });
    await migrateDatabase(handle, options);
    return handle;
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error("TEST_DATABASE_DRIVER=postgres needs TEST_DATABASE_URL");
  const name = `nc_test_${randomUUID().replaceAll("-", "").slice(0, 20)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ driver: "postgres", url: url.toString(), maxConnections: 5 });
  await migrateDatabase(handle, options);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/**
 * Gives the test file a fresh database and makes it the one route handlers use.
 * Call at the top of a describe block or file; read `.handle` inside tests.
 */
export function setUpTestDatabase(): { readonly handle: DatabaseHandle } {
  let handle: DatabaseHandle | undefined;
  beforeAll(async () => {
    handle = await createTestDatabase();
    setDatabaseHandle(handle);
  });
  afterAll(async () => {
    setDatabaseHandle(undefined);
    await handle?.close();
  });
  return {
    get handle() {
      if (!handle) throw new Error("The test database is not ready yet");
      return handle;
    },
  };
}
