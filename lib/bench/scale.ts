// npm run bench:scale – issue 14's scale-out proof on PostgreSQL: 3 app replicas (the production
// build, WORKERS_IN_APP=false) behind a round-robin balancer in this process, 2 `npm run worker`
// processes, and one Notify simulator they all send to. Under steady creates, lists, counts and
// 500 open streams it crashes a replica and a worker, RESTARTS THE POSTGRESQL SERVER (every
// database on it; BENCH_SCALE_RESTART_POSTGRES=0 skips that) and drains a replica, then counts what
// was lost, doubled or missed. A benchmark, not a test: it reports targets and never fails on one.
import { sql } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import { followStream, type FollowedStream } from "@/lib/runtime/testing/follow-stream";
import { startCreateLoad } from "@/lib/runtime/testing/create-load";
import { startRoundRobinProxy, type RoundRobinProxy } from "@/lib/runtime/testing/round-robin-proxy";
import {
  countByReference,
  inboxAndEmailBody,
  sharedNotifyEnvironment,
  startSharedNotifySimulator,
} from "@/lib/runtime/testing/shared-notify-simulator";
import { createInboxDatabase, type InboxDatabase } from "./api/inbox-database";
import { benchAppEnvironment } from "./support/app-environment";
import { ensureProductionBuild } from "./support/app-build";
import { benchServerUrl } from "./support/postgres-server";
import { elapsedSeconds, progress } from "./support/progress";
import { dropBenchDatabases, publishReport, runBench } from "./support/run-bench";
import { sessionCookiesFor } from "./support/session-cookies";
import { startCluster, type Cluster } from "./scale/cluster";
import { measureCrossReplica } from "./scale/cross-replica";
import { drainReplica, restartPostgres, waitUntilServing } from "./scale/disruptions";
import { startReadLoad } from "./scale/mixed-load";
import { formatScaleReport, type Window } from "./scale/report";
import { countStatuses } from "./scale/statistics";
import { measureScaling } from "./scale/throughput";

const settings = {
  database: "nc_bench_scale",
  people: 500,
  existingNotifications: 5_000,
  team: { key: "bench-scale", members: 20 },
  ports: [3410, 3411, 3412],
  workers: 2,
  throughputSeconds: Number(process.env.BENCH_SCALE_SECONDS ?? 10),
  steadySeconds: 8,
  demoApiKey: "nck_bench-scale-key-000000000000000000",
  authSecret: "bench-scale-auth-secret-0123456789abcdef",
  restartPostgres: process.env.BENCH_SCALE_RESTART_POSTGRES !== "0",
};

const settle = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

async function main(): Promise<void> {
  const startedAt = new Date();
  const serverUrl = benchServerUrl();
  ensureProductionBuild();
  let database: InboxDatabase | undefined;
  let cluster: Cluster | undefined;
  let balancer: RoundRobinProxy | undefined;
  const streams: FollowedStream[] = [];
  const { simulator, callbackToken } = await startSharedNotifySimulator();
  try {
    database = await createInboxDatabase({
      serverUrl,
      name: settings.database,
      demoApiKey: settings.demoApiKey,
      size: { people: settings.people, notifications: settings.existingNotifications, team: settings.team },
    });
    const people = database.peopleIds;
    const cookies = await sessionCookiesFor(people, settings.authSecret);
    const env = {
      ...benchAppEnvironment(database.url, settings.authSecret),
      ...sharedNotifyEnvironment(simulator, callbackToken),
      DELIVERY_JOB_TIMEOUT_SECONDS: "10",
      DELIVERY_SUPERVISE_INTERVAL_SECONDS: "2",
      DELIVERY_POLL_INTERVAL_SECONDS: "0.5",
    };
    cluster = await startCluster({ ports: settings.ports, workers: settings.workers, env });
    const replicaUrls = cluster.replicas.map((replica) => replica.baseUrl);
    const screenBody = (n: number) => ({
      notificationType: "Screen",
      message: `Throughput ${n}`,
      recipient: { userId: people[n % people.length]! },
    });

    const scaling = await measureScaling({
      replicaUrls,
      cookies,
      apiKey: settings.demoApiKey,
      createBody: screenBody,
      durationSeconds: settings.throughputSeconds,
    });

    balancer = await startRoundRobinProxy(replicaUrls);
    const balancerUrl = balancer.url;
    // Person i's stream starts on replica i % 3; a reconnect goes through the balancer, as EventSource's would.
    for (let start = 0; start < people.length; start += 50) {
      const batch = people.slice(start, start + 50).map((_, offset) => {
        const index = start + offset;
        return followStream(replicaUrls[index % replicaUrls.length]!, cookies[index]!, {
          reconnectUrl: balancerUrl,
          reconnectMs: 1_000,
        });
      });
      streams.push(...batch);
      await Promise.all(batch.map((stream) => stream.connected(1)));
    }
    progress(`${streams.length} streams open across ${replicaUrls.length} replicas`);

    const creates = startCreateLoad(balancerUrl, settings.demoApiKey, (n) =>
      inboxAndEmailBody(people[n % people.length]!, `Scale ${n}`),
    );
    const reads = startReadLoad(balancerUrl, cookies);
    const crossReplica = await measureCrossReplica({
      createUrl: replicaUrls[2]!,
      apiKey: settings.demoApiKey,
      probes: people.flatMap((userId, index) => (index % 3 === 0 ? [{ userId, stream: streams[index]! }] : [])),
      count: 60,
      intervalMs: 100,
    });
    progress(`cross-replica event p95 ${crossReplica.p95Ms.toFixed(0)} ms (${crossReplica.samples} samples)`);

    progress("SIGKILL replica 2 and worker 1 mid-load");
    const crashAt = performance.now();
    await Promise.all([cluster.crashReplica(1), cluster.crashWorker(0)]);
    await settle(3);
    await Promise.all([cluster.restartReplica(1), cluster.restartWorker(0)]);
    const crash: Window = { from: crashAt, to: performance.now() };
    progress("replica 2 and worker 1 restarted");
    await settle(settings.steadySeconds);

    let databaseRestart: { window: Window; downSeconds: number; recoveryMs: number | null } | undefined;
    if (settings.restartPostgres) {
      const { downAt, backAt } = await restartPostgres();
      const recoveryMs = await waitUntilServing(cluster.replicas, settings.demoApiKey, backAt);
      databaseRestart = {
        window: { from: downAt, to: backAt + (recoveryMs ?? 60_000) },
        downSeconds: (backAt - downAt) / 1000,
        recoveryMs,
      };
      progress(
        `serving again ${recoveryMs === null ? "never (60 s)" : `${(recoveryMs / 1000).toFixed(1)} s`} after PostgreSQL was back`,
      );
      await settle(settings.steadySeconds);
    }

    progress("SIGTERM replica 3 with reads in flight and 20 fresh streams on it");
    const drained = cluster.replicas[2]!;
    const drainStreams = cookies
      .slice(0, 20)
      .map((cookie) => followStream(drained.baseUrl, cookie, { reconnectUrl: balancerUrl, reconnectMs: 1_000 }));
    await Promise.all(drainStreams.map((stream) => stream.connected(1)));
    const drain = await drainReplica(drained, cookies.slice(20, 60), drainStreams);
    await Promise.all(drainStreams.map((stream) => stream.close()));
    await cluster.restartReplica(2);
    await settle(settings.steadySeconds);

    await Promise.all([creates.stop(), reads.stop()]);
    const accepted = creates.accepted();
    progress(`${accepted.length} creates accepted; waiting for their deliveries and events`);
    const { db } = database.handle;
    const stored = new Set(
      rowsOf<{ id: string }>(await db.execute(sql`select id from notifications where message like 'Scale %'`)).map(
        (row) => row.id,
      ),
    );
    const lost = accepted.filter((id) => !stored.has(id)).length;

    const deliveriesDeadline = performance.now() + 90_000;
    let deliveries: { id: string; sent: boolean }[] = [];
    for (;;) {
      deliveries = rowsOf<{ id: string; sent: boolean }>(
        await db.execute(
          sql`select d.id, d.notify_id is not null as sent from deliveries d join notifications n on n.id = d.notification_id where n.message like 'Scale %'`,
        ),
      );
      if (deliveries.every((row) => row.sent) || performance.now() > deliveriesDeadline) break;
      await settle(1);
    }
    const atNotify = countByReference(simulator);
    const doubled = deliveries.filter((row) => (atNotify.get(row.id) ?? 0) > 1).length;
    const missingAtNotify = deliveries.filter((row) => (atNotify.get(row.id) ?? 0) === 0).length;
    const unsent = deliveries.filter((row) => !row.sent).length;

    // Each person's stream should have heard of every create for them that was stored.
    const expectedFor = new Map<string, Set<string>>();
    const rows = rowsOf<{ id: string; userId: string }>(
      await db.execute(
        sql`select n.id, r.user_id as "userId" from notifications n join notification_receipts r on r.notification_id = n.id where n.message like 'Scale %'`,
      ),
    );
    for (const row of rows) expectedFor.set(row.userId, (expectedFor.get(row.userId) ?? new Set()).add(row.id));
    const missedBy = (index: number) => {
      const heard = new Set(streams[index]!.created);
      return [...(expectedFor.get(people[index]!) ?? [])].filter((id) => !heard.has(id)).length;
    };
    const streamDeadline = performance.now() + 20_000;
    while (people.some((_, index) => missedBy(index) > 0) && performance.now() < streamDeadline) await settle(0.5);
    const missedEvents = people.reduce((sum, _, index) => sum + missedBy(index), 0);
    const streamsMissing = people.filter((_, index) => missedBy(index) > 0).length;
    const expectedEvents = [...expectedFor.values()].reduce((sum, ids) => sum + ids.size, 0);

    const inWindow = (window: Window | undefined) =>
      window
        ? [...creates.answers, ...reads.answers].filter((answer) => answer.at >= window.from && answer.at <= window.to)
        : [];
    publishReport(
      "scale",
      formatScaleReport({
        startedAt,
        runSeconds: elapsedSeconds(),
        setup: {
          people: people.length,
          existing: settings.existingNotifications,
          replicas: replicaUrls.length,
          workers: settings.workers,
        },
        scaling,
        crossReplica,
        creates: { sent: creates.answers.length, accepted: accepted.length, statuses: countStatuses(creates.answers) },
        reads: { sent: reads.answers.length, statuses: countStatuses(reads.answers) },
        crash: { statuses: countStatuses(inWindow(crash)) },
        lost,
        deliveries: { total: deliveries.length, doubled, missing: missingAtNotify, unsent },
        events: {
          expected: expectedEvents,
          missed: missedEvents,
          streamsMissing,
          reconnects: streams.reduce((sum, stream) => sum + stream.connections - 1, 0),
        },
        databaseRestart: databaseRestart && {
          downSeconds: databaseRestart.downSeconds,
          recoveryMs: databaseRestart.recoveryMs,
          answers: inWindow(databaseRestart.window),
        },
        drain,
      }),
    );
  } finally {
    await Promise.all(streams.map((stream) => stream.close()));
    await balancer?.close();
    await cluster?.stop();
    await simulator.close();
    await database?.handle.close();
    await dropBenchDatabases(serverUrl, [settings.database]);
  }
}

runBench("scale", main);
