import { getSettings } from "@/lib/config/settings";
import { logger } from "@/lib/logging/logger";
import type { DatabaseHandle } from "./client";
import { migrateDatabase } from "./migrate";
import { getDatabaseHandle } from "./runtime";
import { analyzeDatabase } from "./statistics";
import { seedDemoData } from "./seed/seed-demo-data";

/**
 * Checks every setting, then opens the database, applies migrations and seeds demo data into an
 * empty one. Throws with a clear message: a bad variable is named before anything connects.
 */
export async function prepareDatabase(): Promise<DatabaseHandle> {
  const { demo, server, notify } = getSettings();
  const handle = await getDatabaseHandle();
  try {
    await migrateDatabase(handle);
  } catch (error) {
    throw new Error(`Could not apply database migrations to ${handle.location}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  logger.info({ driver: handle.driver, location: handle.location }, "database ready");
  if (demo.seedData) {
    // Demo messages go only to the local simulator, never through a council's real Notify service.
    const demoMessages = notify.connection.kind === "simulator";
    const result = await seedDemoData(handle.db, { demoApiKey: demo.apiKey, demoMessages });
    if (result.seeded) {
      logger.info(
        demoMessages
          ? "demo data seeded: teams, people for every role, the demo-service API client, and messages for the Notify simulator"
          : "demo data seeded: teams, people for every role, and the demo-service API client",
      );
      if (result.keyWasGenerated) {
        // Printed straight to the terminal, once, and never through the logger: it is a secret.
        process.stdout.write(
          `\n  demo-service API key (shown once, stored hashed): ${result.demoApiKey}\n` +
            `  Try: curl -H "Authorization: Bearer ${result.demoApiKey}" http://localhost:${server.port}/api/v1/me\n\n`,
        );
      }
    }
  }
  // The embedded database has no autovacuum: without this, its first plans would be made for the
  // empty tables the migrations created, whatever the data directory or the seed now holds.
  if (handle.driver === "pglite") await analyzeDatabase(handle.db);
  return handle;
}

/** For process start-up: bad settings, or a database that cannot be reached or migrated, stop the process with the reason. */
export async function prepareDatabaseOrExit(): Promise<DatabaseHandle> {
  try {
    return await prepareDatabase();
  } catch (error) {
    process.stderr.write(`\nNotification Centre cannot start: ${(error as Error).message}\n\n`);
    process.exit(1);
  }
}
