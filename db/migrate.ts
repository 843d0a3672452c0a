import path from "node:path";
import { sql } from "drizzle-orm";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type { DatabaseHandle } from "./client";

export const migrationsFolder = path.join(process.cwd(), "db", "migrations");

// Any fixed number: replicas starting together queue on this lock so only one applies migrations.
const MIGRATION_LOCK_ID = 7_311_2026;

/**
 * Applies the committed drizzle-kit migrations; the same code runs in production and in every test.
 * `migrationsFolder` is for tests of one migration, which stop short of it to set up the rows it changes.
 */
export async function migrateDatabase(
  handle: DatabaseHandle,
  options: { migrationsFolder?: string } = {},
): Promise<void> {
  const { migrationsFolder: folder = migrationsFolder } = options;
  if (handle.driver === "pglite") {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: folder });
    return;
  }
  const client = handle.postgresClient!;
  // A session-level advisory lock must be taken and released on the same connection.
  const connection = await client.reserve();
  try {
    await connection`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    await migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder: folder });
  } finally {
    await connection`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`.catch(() => {});
    connection.release();
  }
}

/** True when the database answers a trivial query. */
export async function pingDatabase(handle: DatabaseHandle): Promise<boolean> {
  try {
    await handle.db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
