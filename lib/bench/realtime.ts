// npm run bench:realtime – live inbox updates: 500 open event streams, how fast a notification
// reaches its person's stream and what the streams cost in server memory. Reports figures and
// targets; it is a benchmark, not a test, so it never fails on a missed target.
import { benchAppEnvironment } from "./support/app-environment";
import { ensureProductionBuild } from "./support/app-build";
import { startAppServer, type AppServer } from "./support/app-server";
import { benchServerUrl } from "./support/postgres-server";
import { elapsedSeconds, progress } from "./support/progress";
import { pickRandom } from "./support/random";
import { dropBenchDatabases, publishReport, runBench } from "./support/run-bench";
import { sessionCookiesFor } from "./support/session-cookies";
import { createInboxDatabase, type InboxDatabase } from "./api/inbox-database";
import { openEventConnections } from "./realtime/event-connections";
import { measureDirectDelivery, measureMe, measureTeamDelivery } from "./realtime/measure-delivery";
import { formatRealtimeReport } from "./realtime/report";
import { findNextServerPid, residentMegabytes } from "./realtime/server-memory";

const settings = {
  database: "nc_bench_realtime",
  people: 500,
  existingNotifications: 10_000,
  team: { key: "bench-realtime", members: 500 },
  directPosts: 1_000,
  postsPerSecond: 50,
  teamRuns: 5,
  meRequests: 300,
  demoApiKey: "nck_bench-realtime-key-00000000000000",
  authSecret: "bench-realtime-auth-secret-0123456789abcdef",
  port: 3300,
};

const appEnvironment = (databaseUrl: string) => benchAppEnvironment(databaseUrl, settings.authSecret);

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** First requests pay for compiling routes and warming the JIT; that is not what the streams cost. */
async function warmUp(server: AppServer, cookies: string[]): Promise<void> {
  await measureMe(server.baseUrl, settings.demoApiKey, 50);
  const listeners = cookies.slice(0, 10).map((cookie, index) => ({ userId: `warm-up-${index}`, cookie }));
  const warm = await openEventConnections(server.baseUrl, listeners, 10);
  await warm.close();
  await settle(2_000);
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const serverUrl = benchServerUrl();
  ensureProductionBuild();

  let database: InboxDatabase | undefined;
  let server: AppServer | undefined;
  try {
    database = await createInboxDatabase({
      serverUrl,
      name: settings.database,
      demoApiKey: settings.demoApiKey,
      size: { people: settings.people, notifications: settings.existingNotifications, team: settings.team },
    });
    const people = database.peopleIds;
    const cookies = await sessionCookiesFor(people, settings.authSecret);
    server = await startAppServer({ port: settings.port, env: appEnvironment(database.url) });
    const pid = findNextServerPid();
    progress(`next-server is process ${pid}`);

    await warmUp(server, cookies);
    const beforeMb = residentMegabytes(pid);
    progress(`RSS before opening streams: ${beforeMb.toFixed(1)} MB`);

    const connections = await openEventConnections(
      server.baseUrl,
      people.map((userId, index) => ({ userId, cookie: cookies[index]! })),
    );
    await settle(3_000);
    const openMb = residentMegabytes(pid);
    progress(`RSS with ${people.length} streams open: ${openMb.toFixed(1)} MB`);

    const me = await measureMe(server.baseUrl, settings.demoApiKey, settings.meRequests);
    const target = { baseUrl: server.baseUrl, apiKey: settings.demoApiKey, connections };
    const recipients = Array.from({ length: settings.directPosts }, (_, index) => people[index % people.length]!);
    const direct = await measureDirectDelivery(
      target,
      pickRandom(recipients, recipients.length),
      settings.postsPerSecond,
    );
    const team = await measureTeamDelivery(
      target,
      settings.team.key,
      people.slice(0, settings.team.members),
      settings.teamRuns,
    );

    const dropped = connections.dropped();
    await connections.close();
    await settle(3_000);
    const closedMb = residentMegabytes(pid);

    const markdown = formatRealtimeReport({
      startedAt,
      runSeconds: elapsedSeconds(),
      setup: {
        people: people.length,
        existingNotifications: settings.existingNotifications,
        connections: people.length,
        loadSeconds: database.loadMs / 1000,
      },
      me,
      direct,
      team,
      memory: { beforeMb, openMb, closedMb, dropped },
    });
    publishReport("realtime", markdown);
  } finally {
    await server?.stop();
    await database?.handle.close();
    await dropBenchDatabases(serverUrl, [settings.database]);
  }
}

runBench("realtime", main);
