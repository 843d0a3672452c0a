import path from "node:path";
import { getSettings } from "@/lib/config/settings";
import { processSingleton } from "@/lib/runtime/process-singleton";
import { openDatabase, type Database, type DatabaseHandle } from "./client";

// One handle per process, so `next dev` module reloads do not open a second PGlite on the same
// folder (PGlite allows one process, one instance per data directory).
const processDatabase = processSingleton("database", (): Promise<DatabaseHandle> => {
  const { database } = getSettings();
  return openDatabase(
    database.url
      ? { driver: "postgres", url: database.url }
      : { driver: "pglite", dataDir: path.join(database.dataDir, "pglite") },
  );
});

/** The process's database: PGlite under DATA_DIR by default, the PostgreSQL server when DATABASE_URL is set. */
export function getDatabaseHandle(): Promise<DatabaseHandle> {
  return processDatabase.get();
}

export async function getDb(): Promise<Database> {
  return (await getDatabaseHandle()).db;
}

/**
 * Replaces the process's database: tests point route handlers at their own fresh database, or at
 * one still opening (or failing to open, as a server that is down does).
 */
export function setDatabaseHandle(handle: DatabaseHandle | Promise<DatabaseHandle> | undefined): void {
  processDatabase.set(handle ? Promise.resolve(handle) : undefined);
}
