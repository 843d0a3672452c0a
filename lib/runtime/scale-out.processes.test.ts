import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/client";
import { seedDemoData } from "@/db/seed/seed-demo-data";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { createApiClient } from "@/lib/auth/api-clients";
import { listDemoUsers } from "@/lib/auth/people";
import { waitFor } from "@/lib/delivery/test-support";
import { sessionCookieFor } from "@/lib/next-bridge/session-cookie";
import type { NotifySimulator } from "@/lib/notify-simulator";
import { startAppReplica, startWorker, type ClusterProcess } from "./testing/cluster-processes";
import { startCreateLoad } from "./testing/create-load";
import { followStream, type FollowedStream } from "./testing/follow-stream";
import { startRoundRobinProxy, type RoundRobinProxy } from "./testing/round-robin-proxy";
import {
  countByReference,
  inboxAndEmailBody,
  sharedNotifyEnvironment,
  startSharedNotifySimulator,
} from "./testing/shared-notify-simulator";
import { startTcpProxy, type TcpProxy } from "./testing/tcp-proxy";

// Issue 14's scale-out checks at CI size: two app processes (the real route handlers, no Next
// build) behind a round-robin balancer, a delivery worker, one shared Notify simulator, and a TCP
// relay to PostgreSQL that can be cut instead of restarting the shared test server. Separate
// processes on one database: PostgreSQL only.

const onPostgres = process.env.TEST_DATABASE_DRIVER === "postgres";
const database = setUpTestDatabase();
const authSecret = "scale-out-test-auth-secret-0123456789abcdef";

let relay: TcpProxy;
let simulator: NotifySimulator;
let balancer: RoundRobinProxy;
let environment: Record<string, string>;
let apps: ClusterProcess[] = [];
let worker: ClusterProcess | undefined;
let apiKey = "";
let personId = "";
let cookie = "";
const streams: FollowedStream[] = [];

const appUrl = (app: ClusterProcess) => `http://127.0.0.1:${app.port}`;

beforeAll(async () => {
  if (!onPostgres) return;
  const { db } = database.handle;
  await seedDemoData(db, { demoApiKey: "nck_scale-out-processes-key-000000000" });
  const [person] = await listDemoUsers(db);
  personId = person!.id;
  cookie = await sessionCookieFor(personId, authSecret);
  apiKey = (await createApiClient(db, { name: "scale-out", scopes: ["notifications:read", "notifications:write"] }))
    .key;
  const [{ name }] = rowsOf<{ name: string }>(await db.execute(sql`select current_database() as name`)) as [
    { name: string },
  ];
  const server = new URL(process.env.TEST_DATABASE_URL!);
  relay = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
  const databaseUrl = new URL(server);
  databaseUrl.hostname = "127.0.0.1";
  databaseUrl.port = String(relay.port);
  databaseUrl.pathname = `/${name}`;
  const shared = await startSharedNotifySimulator();
  simulator = shared.simulator;
  environment = {
    ...sharedNotifyEnvironment(simulator, shared.callbackToken),
    DATABASE_URL: databaseUrl.toString(),
    AUTH_SECRET: authSecret,
    SEED_DEMO_DATA: "false",
    AUTH_DEMO: "false",
    RATE_LIMIT_PER_MINUTE: "100000000",
    PERSON_RATE_LIMIT_PER_MINUTE: "100000000",
    RECIPIENT_LIMIT_PER_HOUR: "100000000",
    // A killed worker's job goes back to the queue after this, not pg-boss's default 15 minutes.
    DELIVERY_JOB_TIMEOUT_SECONDS: "5",
    DELIVERY_SUPERVISE_INTERVAL_SECONDS: "2",
    DELIVERY_POLL_INTERVAL_SECONDS: "0.5",
    LOG_LEVEL: "silent",
  };
  [apps, worker] = await Promise.all([
    Promise.all([startAppReplica(environment), startAppReplica(environment)]),
    startWorker(environment),
  ]);
  balancer = await startRoundRobinProxy(apps.map(appUrl));
}, 60_000);

afterAll(async () => {
  if (!onPostgres) return;
  await Promise.all(streams.map((stream) => stream.close()));
  await balancer?.close();
  await Promise.all([...apps, worker].map((each) => each?.stop("SIGKILL")));
  await simulator?.close();
  await relay?.close();
});

/** Every delivery in the database, once each has been sent; fails past the deadline. */
async function sentDeliveries(timeoutMs: number): Promise<string[]> {
  const rows = await waitFor(
    async () =>
      rowsOf<{ id: string; notifyId: string | null }>(
        await database.handle.db.execute(sql`select id, notify_id as "notifyId" from deliveries`),
      ),
    (rows) => rows.every((row) => row.notifyId !== null),
    { timeoutMs, intervalMs: 250 },
  );
  return rows.map((row) => row.id);
}

describe.runIf(onPostgres)("scale-out: replicas and workers die and come back", () => {
  it("SIGKILL a replica mid-load and the worker mid-delivery: nothing accepted is lost, each delivery reaches Notify once, a resumed stream misses nothing", async () => {
    const [killed] = apps as [ClusterProcess, ClusterProcess];
    const stream = followStream(appUrl(killed), cookie);
    streams.push(stream);
    await stream.connected(1);
    const load = startCreateLoad(balancer.url, apiKey, (n) => inboxAndEmailBody(personId, `Scale-out ${n}`));
    await load.acceptedAtLeast(30);
    await waitFor(
      async () => simulator.store.all().length,
      (sent) => sent >= 5,
      { timeoutMs: 20_000, intervalMs: 20 },
    );
    await Promise.all([killed.stop("SIGKILL"), worker!.stop("SIGKILL")]);
    // The other replica carries the load alone meanwhile; the stream's reconnects are refused.
    await load.acceptedAtLeast(load.accepted().length + 20);
    const [restarted, newWorker] = await Promise.all([
      startAppReplica(environment, killed.port),
      startWorker(environment),
    ]);
    apps[0] = restarted;
    worker = newWorker;
    await stream.connected(2);
    await load.acceptedAtLeast(load.accepted().length + 20);
    await load.stop();

    const accepted = load.accepted();
    const stored = rowsOf<{ id: string }>(
      await database.handle.db.execute(sql`select id from notifications where message like 'Scale-out %'`),
    ).map((row) => row.id);
    expect(accepted.filter((id) => !stored.includes(id))).toEqual([]);
    // A create cut with its replica is a 502 from the balancer, and a refusal is a 503 that says when
    // to retry; neither was accepted. What must never happen is an error with no advice (a 500).
    const unadvised = load.answers.filter(
      (answer) =>
        answer.status >= 500 && answer.status !== 502 && !(answer.status === 503 && Number(answer.retryAfter) > 0),
    );
    expect(unadvised).toEqual([]);

    const deliveries = await sentDeliveries(40_000);
    expect(deliveries.length).toBeGreaterThanOrEqual(accepted.length);
    const atNotify = countByReference(simulator);
    expect(deliveries.filter((id) => atNotify.get(id) !== 1).map((id) => [id, atNotify.get(id) ?? 0])).toEqual([]);
    expect([...atNotify.keys()].filter((reference) => !deliveries.includes(reference))).toEqual([]);

    // Event positions are given in commit order, so a stream resumed with its Last-Event-ID on either
    // replica gets every event it missed: nothing accepted may be missing from it.
    expect(stream.resumedFrom.length).toBeGreaterThan(0);
    const missed = await waitFor(
      async () => accepted.filter((id) => !stream.created.includes(id)),
      (ids) => ids.length === 0,
      { timeoutMs: 10_000 },
    ).catch(() => accepted.filter((id) => !stream.created.includes(id)));
    expect(missed).toEqual([]);
  }, 90_000);

  it("the database connection is cut: 503 with Retry-After (no 500s, no hangs), then recovery within 10 s, live events included", async () => {
    await relay.cut();
    const answers: { path: string; method?: string; status: number; retryAfter: string | null; ms: number }[] = [];
    const request = async (path: string, init: RequestInit = {}) => {
      const started = performance.now();
      const response = await fetch(`${balancer.url}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
        signal: AbortSignal.timeout(25_000),
      }).catch(() => undefined);
      await response?.text();
      answers.push({
        path,
        method: init.method,
        status: response?.status ?? 0,
        retryAfter: response?.headers.get("retry-after") ?? null,
        ms: performance.now() - started,
      });
    };
    const create = { method: "POST", body: JSON.stringify(inboxAndEmailBody(personId, "While the database is away")) };
    const cutUntil = Date.now() + 3_000;
    await Promise.all(
      Array.from({ length: 3 }, async () => {
        while (Date.now() < cutUntil) {
          await request("/api/v1/notifications");
          await request("/api/v1/notifications/counts");
          await request("/api/v1/notifications", create);
        }
      }),
    );
    expect(answers.length).toBeGreaterThan(6);
    expect(answers.filter((answer) => answer.status !== 503 || !(Number(answer.retryAfter) > 0))).toEqual([]);
    // No hangs: every request was answered (none reached the 25 s abort). Most take milliseconds; a
    // create can wait up to the pool's 10 s bound behind connections the cut left stuck.
    expect(answers.filter((answer) => answer.status === 0)).toEqual([]);

    await relay.restore();
    const restoredAt = Date.now();
    for (const app of apps)
      await waitFor(
        async () => {
          const response = await fetch(`${appUrl(app)}/api/v1/notifications`, {
            headers: { authorization: `Bearer ${apiKey}` },
          });
          await response.text();
          return response.status;
        },
        (status) => status === 200,
        { timeoutMs: 10_000, intervalMs: 100 },
      );
    expect(Date.now() - restoredAt).toBeLessThan(10_000);

    // Each replica's LISTEN came back too: a stream opened now on either hears a create made through the other.
    const fresh = apps.map((app) => followStream(appUrl(app), cookie));
    streams.push(...fresh);
    await Promise.all(fresh.map((stream) => stream.connected(1)));
    const response = await fetch(`${appUrl(apps[1]!)}/api/v1/notifications`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify(inboxAndEmailBody(personId, "After the database came back")),
    });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    for (const stream of fresh)
      await waitFor(async () => stream.created.includes(id), Boolean, { timeoutMs: 10_000, intervalMs: 50 });
    expect(Date.now() - restoredAt).toBeLessThan(20_000);
  }, 60_000);
});
