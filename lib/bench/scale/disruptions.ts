import { spawn } from "node:child_process";
import type { AppServer } from "../support/app-server";
import { progress } from "../support/progress";
import type { FollowedStream } from "@/lib/runtime/testing/follow-stream";

// The two disruptions besides crashes: a PostgreSQL restart under load, and a replica told to stop.

/** Restarts the local PostgreSQL 15 cluster: every database on it, not just the bench's. Returns when it is back. */
export async function restartPostgres(): Promise<{ downAt: number; backAt: number }> {
  const banner = "!".repeat(100);
  process.stderr.write(
    `\n${banner}\n!!! bench:scale is RESTARTING the PostgreSQL server on this machine (pg_ctlcluster 15 main restart).\n` +
      `!!! Every connection to it, from anything, is cut for a few seconds. Set BENCH_SCALE_RESTART_POSTGRES=0 to skip.\n${banner}\n\n`,
  );
  const downAt = performance.now();
  // Not spawnSync: the load must keep running (and meeting the outage) while the server restarts.
  const restart = spawn("pg_ctlcluster", ["--skip-systemctl-redirect", "15", "main", "restart"], { stdio: "inherit" });
  const status = await new Promise<number | null>((resolve) => restart.once("exit", resolve));
  if (status !== 0) throw new Error(`pg_ctlcluster restart failed (exit ${status})`);
  const backAt = performance.now();
  progress(`PostgreSQL restarted in ${((backAt - downAt) / 1000).toFixed(1)} s`);
  return { downAt, backAt };
}

/** Waits until every replica answers a list request 200 again; the time from `since`, or null past the deadline. */
export async function waitUntilServing(
  replicas: AppServer[],
  apiKey: string,
  since: number,
  deadlineMs = 60_000,
): Promise<number | null> {
  const pending = new Set(replicas.map((replica) => replica.baseUrl));
  while (pending.size > 0 && performance.now() - since < deadlineMs) {
    for (const baseUrl of [...pending]) {
      const response = await fetch(`${baseUrl}/api/v1/notifications?limit=1`, {
        headers: { authorization: `Bearer ${apiKey}` },
        signal: AbortSignal.timeout(5_000),
      }).catch(() => undefined);
      await response?.arrayBuffer();
      if (response?.status === 200) pending.delete(baseUrl);
    }
    if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return pending.size === 0 ? performance.now() - since : null;
}

export type DrainOutcome = {
  inFlight: number;
  finished: number;
  refused: number;
  cut: number;
  streams: number;
  hinted: number;
};

/**
 * SIGTERMs a replica with `requests` reads in flight on it and `streams` open on it: the reads
 * should finish (200), and each stream should get a closing retry hint before the replica exits.
 */
export async function drainReplica(
  replica: AppServer,
  cookies: string[],
  streams: FollowedStream[],
): Promise<DrainOutcome> {
  const requests = cookies.map((cookie) =>
    fetch(`${replica.baseUrl}/api/v1/notifications?limit=50`, { headers: { cookie } }).then(
      async (response) => (await response.arrayBuffer(), response.status),
      () => 0,
    ),
  );
  // Let the requests reach the server before the signal, so they are in flight rather than refused.
  await new Promise((resolve) => setTimeout(resolve, 20));
  replica.signal("SIGTERM");
  const statuses = await Promise.all(requests);
  await replica.exited;
  return {
    inFlight: statuses.length,
    finished: statuses.filter((status) => status === 200).length,
    refused: statuses.filter((status) => status === 503).length,
    cut: statuses.filter((status) => status === 0).length,
    streams: streams.length,
    hinted: streams.filter((stream) => stream.retryHints > 0).length,
  };
}
