import path from "node:path";
import { getSettings } from "@/lib/config/settings";
import { openDatabase, type Database, type DatabaseHandle } from "./client";

// One handle per process, kept on globalThis so `next dev` module reloads do not open a second PGlite
// on the same folder (PGlite allows one process, one instance per data directory).
const holder = globalThis as typeof globalThis & { __notificationCentreDatabase?: Promise<DatabaseHandle> };

/** The process's database: PGlite under DATA_DIR by default, the PostgreSQL server when DATABASE_URL is set. */
export function getDatabaseHandle(): Promise<DatabaseHandle> {
  if (!holder.__notificationCentreDatabase) {
    const { database } = getSettings();
    holder.__notificationCentreDatabase = openDatabase(
      database.url
        ? { driver: "postgres", url: database.url }
        : { driver: "pglite", dataDir: path.join(database.dataDir, "pglite") },
    ).catch((error: unknown) => {
      holder.__notificationCentreDatabase = undefined;
      throw error;
    });
  }
  return holder.__notificationCentreDatabase;
}

export async function getDb(): Promise<Database> {
  return (await getDatabaseHandle()).db;
}

/** Replaces the process's database: tests point route handlers at their own fresh database. */
export function setDatabaseHandle(handle: DatabaseHandle | undefined): void {
  holder.__notificationCentreDatabase = handle ? Promise.resolve(handle) : undefined;
}
