import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { withBoundedPoolWait } from "./pool-gate";
import { preparingParameterisedQueries } from "./prepared-statements";
import * as schema from "./schema";

/** The database (or a transaction on it): every query function in lib/ takes one of these first. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DatabaseDriver = "pglite" | "postgres";

export type DatabaseHandle = {
  db: Database;
  driver: DatabaseDriver;
  /** Where the data lives, safe to print: the PGlite folder, or the server's host/port/database. */
  location: string;
  /** The embedded instance, for in-process LISTEN; absent on a server. */
  pglite?: PGlite;
  /** The postgres.js client, for LISTEN on a server; absent on PGlite. */
  postgresClient?: postgres.Sql;
  close: () => Promise<void>;
};

export type OpenDatabaseOptions =
  | {
      driver: "postgres";
      url: string;
      maxConnections?: number;
      /** How long a query waits for a free pooled connection before failing with DatabaseBusyError (503). */
      poolWaitMs?: number;
    }
  // No dataDir keeps the database in memory (tests); loadDataDir starts it from a dumpDataDir snapshot.
  | { driver: "pglite"; dataDir?: string; loadDataDir?: Blob };

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  return options.driver === "postgres"
    ? openPostgres(options.url, options.maxConnections, options.poolWaitMs)
    : openPglite(options.dataDir, options.loadDataDir);
}

async function openPglite(dataDir: string | undefined, loadDataDir?: Blob): Promise<DatabaseHandle> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create({ ...(dataDir && { dataDir }), ...(loadDataDir && { loadDataDir }) });
  const db = drizzlePglite({ client, schema, casing: "snake_case" }) as unknown as Database;
  return {
    db,
    driver: "pglite",
    location: dataDir ? path.relative(process.cwd(), dataDir) || dataDir : "memory",
    pglite: client,
    close: () => client.close(),
  };
}

// Requests fail fast rather than hang while the server is down or the pool is saturated: a client
// retrying after a 503 does better than one whose request waits out a proxy's timeout.
const CONNECT_TIMEOUT_SECONDS = 5;
const DEFAULT_POOL_WAIT_MS = 10_000;

/**
 * How long postgres.js waits before connecting again, by failed attempts so far. Its default grows
 * to 10–20 s after a few, counted across the whole pool, so after a restart a query queued behind
 * the refused attempts waited that long although the server was back: requests hung past 25 s in
 * the scale-out test. Capped at a second, a queued query is tried (and refused with a fast 503, or
 * served) at least that often.
 */
function reconnectDelaySeconds(failedAttempts: number): number {
  return Math.min(0.05 * 2 ** failedAttempts, 1) * (0.5 + Math.random() / 2);
}

async function openPostgres(
  url: string,
  maxConnections = 10,
  poolWaitMs = DEFAULT_POOL_WAIT_MS,
): Promise<DatabaseHandle> {
  const client = postgres(url, {
    max: maxConnections,
    connect_timeout: CONNECT_TIMEOUT_SECONDS,
    backoff: reconnectDelaySeconds,
    // Postgres NOTICEs (e.g. "relation already exists, skipping") are not errors worth a log line.
    onnotice: () => {},
  });
  const db = drizzlePostgres({
    client: withBoundedPoolWait(preparingParameterisedQueries(client), maxConnections, poolWaitMs),
    schema,
    casing: "snake_case",
  }) as unknown as Database;
  const handle: DatabaseHandle = {
    db,
    driver: "postgres",
    location: describePostgresUrl(url),
    postgresClient: client,
    close: () => client.end({ timeout: 5 }),
  };
  try {
    await db.execute(sql`select 1`);
  } catch (error) {
    await handle.close().catch(() => {});
    throw new Error(
      `Cannot reach the PostgreSQL server at ${handle.location} (DATABASE_URL): ${describeError(error)}`,
      {
        cause: error,
      },
    );
  }
  return handle;
}

/** host:port/database from a connection string, never the password. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describeError(error.errors[0]);
  if (error instanceof Error) return error.message || ("code" in error ? String(error.code) : error.name);
  return String(error);
}

/** Rows of a raw `db.execute` result: PGlite wraps them in `{ rows }`, postgres.js returns the array. */
export function rowsOf<Row>(result: unknown): Row[] {
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
}
