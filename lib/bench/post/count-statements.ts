import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Database, DatabaseHandle } from "@/db/client";
import { preparingParameterisedQueries } from "@/db/prepared-statements";
import { users } from "@/db/schema";
import { loadAppModule } from "../support/app-modules";

export type CountedRequest = { name: string; status: number; statements: string[]; roundTrips: number };

/**
 * Every statement one request sends, as postgres.js's debug hook sees them (BEGIN and COMMIT
 * included): calls the route handler in this process against a database already migrated and seeded.
 */
export async function countStatements(
  url: string,
  requests: { name: string; request: () => Request }[],
): Promise<CountedRequest[]> {
  let statements: string[] = [];
  // postgres.js sends the queries issued in one turn of the event loop in one write (pipelined),
  // so the turns that issued any are the round trips.
  let roundTrips = 0;
  let turnCounted = false;
  const client = postgres(url, {
    // One connection, so the warm-up call prepared every statement on the connection the counted call uses.
    max: 1,
    onnotice: () => {},
    debug: (_connection, query) => {
      statements.push(query.replace(/\s+/g, " ").trim());
      if (turnCounted) return;
      turnCounted = true;
      roundTrips += 1;
      setImmediate(() => (turnCounted = false));
    },
  });
  const db = drizzle({ client: preparingParameterisedQueries(client), casing: "snake_case" }) as unknown as Database;
  const { setDatabaseHandle } = loadAppModule<typeof import("@/db/runtime")>("@/db/runtime");
  const route = loadAppModule<typeof import("@/app/api/v1/notifications/route")>("@/app/api/v1/notifications/route");
  const handle: DatabaseHandle = {
    db,
    driver: "postgres",
    location: "count",
    postgresClient: client,
    close: () => client.end(),
  };
  setDatabaseHandle(handle);
  const context = { params: Promise.resolve({}) };
  try {
    const counted: CountedRequest[] = [];
    for (const { name, request } of requests) {
      // The first call of each shape warms per-process caches; the second is what every later one costs.
      statements = [];
      await route.POST(request(), context);
      statements = [];
      roundTrips = 0;
      const response = await route.POST(request(), context);
      counted.push({ name, status: response.status, statements, roundTrips });
    }
    return counted;
  } finally {
    setDatabaseHandle(undefined);
    await client.end({ timeout: 5 });
  }
}

export async function firstUserId(db: Database, email: string): Promise<string> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!user) throw new Error(`no user ${email}`);
  return user.id;
}
