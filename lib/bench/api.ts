// npm run bench:api – how the notifications API holds up with a million notifications.
// Reports figures and targets; it is a benchmark, not a test, so it never fails on a missed target.
import { benchAppEnvironment } from "./support/app-environment";
import { ensureProductionBuild } from "./support/app-build";
import { startAppServer, type AppServer } from "./support/app-server";
import { defaultLoadTest } from "./support/load-test";
import { benchServerUrl } from "./support/postgres-server";
import { elapsedSeconds } from "./support/progress";
import { pickRandom } from "./support/random";
import { dropBenchDatabases, publishReport, runBench } from "./support/run-bench";
import { sessionCookiesFor } from "./support/session-cookies";
import { createInboxDatabase, type InboxDatabase } from "./api/inbox-database";
import { measureFanOut } from "./api/measure-fan-out";
import { measureApi, measureInboxList } from "./api/http-scenarios";
import { formatApiReport } from "./api/report";

const settings = {
  largeDatabase: "nc_bench_api",
  smallDatabase: "nc_bench_api_small",
  people: 10_000,
  notifications: 1_000_000,
  smallNotifications: 10_000,
  // Ten each, so every first page is full (the default page size) in both databases and the two
  // differ only in how many rows the indexes hold, not in how much each response carries.
  smallPeople: 1_000,
  team: { key: "bench-5000", members: 5_000 },
  cookiePeople: 2_000,
  demoApiKey: "nck_bench-api-key-0000000000000000000",
  authSecret: "bench-api-auth-secret-0123456789abcdef",
  largePort: 3200,
  smallPort: 3201,
};

const appEnvironment = (databaseUrl: string) => benchAppEnvironment(databaseUrl, settings.authSecret);

async function cookiesFor(database: InboxDatabase): Promise<string[]> {
  return sessionCookiesFor(pickRandom(database.peopleIds, settings.cookiePeople), settings.authSecret);
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const serverUrl = benchServerUrl();
  ensureProductionBuild();

  const databases: InboxDatabase[] = [];
  const servers: AppServer[] = [];
  try {
    const size = { people: settings.people, team: settings.team };
    const large = await createInboxDatabase({
      serverUrl,
      name: settings.largeDatabase,
      demoApiKey: settings.demoApiKey,
      size: { ...size, notifications: settings.notifications },
    });
    databases.push(large);
    const small = await createInboxDatabase({
      serverUrl,
      name: settings.smallDatabase,
      demoApiKey: settings.demoApiKey,
      size: {
        people: settings.smallPeople,
        team: { ...settings.team, members: settings.smallPeople },
        notifications: settings.smallNotifications,
      },
    });
    databases.push(small);

    const largeServer = await startAppServer({ port: settings.largePort, env: appEnvironment(large.url) });
    servers.push(largeServer);
    const api = await measureApi({
      baseUrl: largeServer.baseUrl,
      apiKey: settings.demoApiKey,
      cookies: await cookiesFor(large),
      peopleIds: large.peopleIds,
    });
    await largeServer.stop();

    const fanOut = await measureFanOut(large.handle.db, large.demoClient, settings.team.key);

    const smallServer = await startAppServer({ port: settings.smallPort, env: appEnvironment(small.url) });
    servers.push(smallServer);
    const smallList = await measureInboxList(
      smallServer.baseUrl,
      await cookiesFor(small),
      "GET /api/v1/notifications (small)",
    );
    await smallServer.stop();

    const markdown = formatApiReport({
      startedAt,
      runSeconds: elapsedSeconds(),
      setup: {
        people: settings.people,
        notifications: settings.notifications,
        smallNotifications: settings.smallNotifications,
        smallPeople: settings.smallPeople,
        teamMembers: settings.team.members,
        loadSeconds: large.loadMs / 1000,
      },
      load: defaultLoadTest,
      api,
      fanOut,
      scale: { small: smallList, large: api.list },
    });
    publishReport("api", markdown);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await Promise.all(databases.map((database) => database.handle.close()));
    await dropBenchDatabases(serverUrl, [settings.largeDatabase, settings.smallDatabase]);
  }
}

runBench("api", main);
