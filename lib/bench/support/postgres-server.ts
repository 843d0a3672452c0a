import postgres from "postgres";

/** The server benchmarks create their databases on; BENCH_DATABASE_URL names any database on it. */
export function benchServerUrl(): string {
  return process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
}

/** The same server and credentials, another database. */
export function databaseUrlFor(serverUrl: string, databaseName: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
}

/** Drops (forcing off any leftover connections from an aborted run) and creates an empty database. */
export async function recreateDatabase(serverUrl: string, databaseName: string): Promise<string> {
  await withServer(serverUrl, async (server) => {
    await server`drop database if exists ${server(databaseName)} with (force)`;
    await server`create database ${server(databaseName)}`;
  });
  return databaseUrlFor(serverUrl, databaseName);
}

export async function dropDatabase(serverUrl: string, databaseName: string): Promise<void> {
  await withServer(serverUrl, (server) => server`drop database if exists ${server(databaseName)} with (force)`);
}

async function withServer<T>(serverUrl: string, work: (server: postgres.Sql) => Promise<T>): Promise<T> {
  const server = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    return await work(server);
  } finally {
    await server.end({ timeout: 5 });
  }
}
