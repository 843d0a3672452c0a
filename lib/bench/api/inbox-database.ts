import { eq, like } from "drizzle-orm";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { apiClients, users } from "@/db/schema";
import type { ClientCaller } from "@/lib/auth/caller";
import { loadAppModule } from "../support/app-modules";
import { recreateDatabase } from "../support/postgres-server";
import { progress, timed } from "../support/progress";
import { loadInboxData, type InboxDataSize } from "./bulk-load";

const { seedDemoData } = loadAppModule<typeof import("@/db/seed/seed-demo-data")>("@/db/seed/seed-demo-data");

export type InboxDatabase = {
  handle: DatabaseHandle;
  url: string;
  /** The seeded demo-service client, as createNotification sees a caller. */
  demoClient: ClientCaller;
  /** Every bench person's user id (not the demo people). */
  peopleIds: string[];
  loadMs: number;
};

export type InboxDatabaseOptions = {
  serverUrl: string;
  name: string;
  demoApiKey: string;
  size: Omit<InboxDataSize, "createdByClientId">;
};

/** A fresh database, migrated and seeded by the app's own code, then bulk-loaded with bench people and notifications. */
export async function createInboxDatabase(options: InboxDatabaseOptions): Promise<InboxDatabase> {
  const url = await recreateDatabase(options.serverUrl, options.name);
  const handle = await openDatabase({ driver: "postgres", url });
  try {
    await migrateDatabase(handle);
    await seedDemoData(handle.db, { demoApiKey: options.demoApiKey });
    const [client] = await handle.db
      .select({ id: apiClients.id, name: apiClients.name, scopes: apiClients.scopes })
      .from(apiClients)
      .where(eq(apiClients.name, "demo-service"));
    if (!client) throw new Error("the demo seed did not create the demo-service client");

    progress(`${options.name}: loading ${options.size.people} people and ${options.size.notifications} notifications`);
    const { ms: loadMs } = await timed(() =>
      loadInboxData(handle.db, { ...options.size, createdByClientId: client.id }),
    );
    progress(`${options.name}: loaded, vacuumed and analysed in ${(loadMs / 1000).toFixed(1)} s`);

    const people = await handle.db
      .select({ id: users.id })
      .from(users)
      .where(like(users.email, "bench-person-%@bench.invalid"));
    return {
      handle,
      url,
      demoClient: { kind: "client", ...client },
      peopleIds: people.map((person) => person.id),
      loadMs,
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
