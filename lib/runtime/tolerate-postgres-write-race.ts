import { logger } from "@/lib/logging/logger";

// postgres.js 3.4.x batches small writes with setImmediate; when the server closes the connection
// first (a restart, a failover), the deferred write finds its socket gone and throws a TypeError
// no caller can catch (porsager/postgres#1066, #1154, #1208; fixes #1168 and #1176 not released).
// By then every query on that connection has already failed with a connection error and the pool
// reconnects, so the throw carries no news: in bench:scale it only killed a worker during a
// PostgreSQL restart. Remove this once a release carries the fix.

const message = "Cannot read properties of null (reading 'write')";
const nextWriteFrame = /\bat nextWrite \([^)\n]*[\\/]postgres[\\/](?:cjs[\\/])?src[\\/]connection\.js:\d+:\d+\)/;

/** True only for postgres.js's deferred write to a socket its connection already dropped. */
export function isPostgresClosedSocketWrite(error: unknown): boolean {
  return error instanceof TypeError && error.message === message && nextWriteFrame.test(error.stack ?? "");
}

/**
 * Keeps a long-running process alive through that one upstream throw, and only that one: any other
 * uncaught exception still ends the process, as Node would, after printing it.
 */
export function tolerateClosedSocketWrites(): void {
  process.on("uncaughtException", (error) => {
    if (isPostgresClosedSocketWrite(error)) {
      logger.warn(
        { err: error },
        "postgres.js wrote to a connection the server had closed (upstream bug); carrying on",
      );
      return;
    }
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
