/**
 * How fast a bulk create is: createNotificationsInTransaction for 1,000 and 10,000 Screen bodies
 * addressed to a team of five (so 5,000 and 50,000 inbox copies), on PostgreSQL and on PGlite,
 * against a baseline measured in the same run on the same database: a bare multi-row INSERT of as
 * many notification rows (the least any create of them could cost). Also the old body-by-body path
 * (createNotification in a loop) for 1,000, for scale. Reports figures and never asserts.
 *
 *   npm run bench:create
 *
 * BENCH_DATABASE_URL  a PostgreSQL server to create the bench database on
 *                     (default postgres://postgres@127.0.0.1:5432/postgres)
 * BENCH_SIZES         comma-separated numbers of bodies (default 1000,10000)
 * BENCH_RUNS          runs per size, the median reported (default 3)
 * BENCH_KEEP=1        keep the bench database afterwards, to look at it with psql
 */
import os from "node:os";
import { sql } from "drizzle-orm";
import { openDatabase, rowsOf, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { notifications, users } from "@/db/schema";
import type { PersonCaller } from "@/lib/auth/caller";
import { findPersonCaller } from "@/lib/auth/people";
import { loadAppModule } from "./support/app-modules";
import { formatNumber, markdownTable, type Cell } from "./support/markdown";
import { benchServerUrl, recreateDatabase } from "./support/postgres-server";
import { elapsedSeconds, median, progress, timed } from "./support/progress";
import { dropBenchDatabases, publishReport, runBench } from "./support/run-bench";

// 10,000 items to five people is 10,000 each: far over the per-recipient cap, which is not measured here.
process.env.RECIPIENT_LIMIT_PER_HOUR ??= "100000000";
process.env.LOG_LEVEL ??= "silent";

// The pipeline reaches lib/notify/recipients.ts (see support/app-modules.ts).
const { createNotificationsInTransaction } = loadAppModule<typeof import("@/lib/notifications/submit-notifications")>(
  "@/lib/notifications/submit-notifications",
);
const { createNotification, notificationValuesOf } = loadAppModule<
  typeof import("@/lib/notifications/create-notification")
>("@/lib/notifications/create-notification");
const { createNotificationBodySchema } = loadAppModule<
  typeof import("@/lib/notifications/contract/create-notification-body")
>("@/lib/notifications/contract/create-notification-body");

const sizes = (process.env.BENCH_SIZES ?? "1000,10000").split(",").map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const oneByOneSize = 1000;
const serverUrl = benchServerUrl();
const databaseName = "nc_bench_create_set";
const teamKey = "bench-team";

type Bodies = ReturnType<typeof createNotificationBodySchema.parse>[];

/** A team of five and the person who sends (a person caller: the rows name them). */
async function seed(handle: DatabaseHandle): Promise<PersonCaller> {
  await handle.db.execute(sql`insert into teams (key, name) values (${teamKey}, 'Bench team')`);
  await handle.db.execute(sql`
    insert into users (name, email, roles)
    select 'Officer ' || m, 'officer.' || m || '@council.example', '{finance-officer}'::role[]
    from generate_series(0, 5) m`);
  await handle.db.execute(sql`
    insert into team_members (team_id, user_id)
    select t.id, u.id from teams t, users u where t.key = ${teamKey} and u.email <> 'officer.0@council.example'`);
  const [sender] = await handle.db
    .select({ id: users.id })
    .from(users)
    .where(sql`email = 'officer.0@council.example'`);
  // The caller as a signed-in request would resolve it (roles' scopes, teams), not a hand-made copy.
  return (await findPersonCaller(handle.db, sender!.id))!;
}

const bodiesOf = (count: number): Bodies =>
  Array.from({ length: count }, (_, index) =>
    createNotificationBodySchema.parse({
      notificationType: "Screen",
      message: `Bench item ${index}`,
      recipient: { team: teamKey },
    }),
  );

type Timing = { size: number; baselineMs: number; setMs: number; oneByOneMs?: number };

/** The baseline: the same rows as the set path writes to notifications, in multi-row INSERTs under the parameter limit. */
async function bareInsert(handle: DatabaseHandle, caller: PersonCaller, bodies: Bodies): Promise<number> {
  const rows = bodies.map((body) => notificationValuesOf(caller, body, null, false));
  const perStatement = Math.floor(65_535 / Object.keys(rows[0]!).length);
  const { ms } = await timed(() =>
    handle.db.transaction(async (tx) => {
      for (let start = 0; start < rows.length; start += perStatement)
        await tx.insert(notifications).values(rows.slice(start, start + perStatement));
    }),
  );
  return ms;
}

async function measure(handle: DatabaseHandle, caller: PersonCaller, label: string): Promise<Timing[]> {
  const timings: Timing[] = [];
  for (const size of sizes) {
    const bodies = bodiesOf(size);
    const baseline: number[] = [];
    const set: number[] = [];
    for (let run = 1; run <= runs; run++) {
      baseline.push(await bareInsert(handle, caller, bodies));
      const { result, ms } = await timed(() =>
        handle.db.transaction((tx) => createNotificationsInTransaction(tx, caller, bodies)),
      );
      const receipts = result.created.reduce((sum, created) => sum + created.recipientUserIds.length, 0);
      set.push(ms);
      progress(
        `${label} ${size}, run ${run}/${runs}: bare insert ${baseline.at(-1)!.toFixed(0)} ms, set ${ms.toFixed(0)} ms, ${receipts} receipts`,
      );
    }
    const timing: Timing = { size, baselineMs: median(baseline), setMs: median(set) };
    if (size === oneByOneSize) {
      const { ms } = await timed(() =>
        handle.db.transaction(async (tx) => {
          for (const body of bodies) await createNotification(tx, caller, body, { person: null });
        }),
      );
      progress(`${label} ${size}, body by body: ${ms.toFixed(0)} ms`);
      timing.oneByOneMs = ms;
    }
    timings.push(timing);
  }
  return timings;
}

const perSecond = (count: number, ms: number) => formatNumber(count / (ms / 1000));

function rowsFor(database: string, timings: Timing[]): Cell[][] {
  return timings.flatMap(({ size, baselineMs, setMs, oneByOneMs }) => [
    [
      database,
      size.toLocaleString("en-GB"),
      "bare multi-row INSERT (baseline)",
      formatNumber(baselineMs),
      perSecond(size, baselineMs),
      "1.0",
    ],
    [
      database,
      size.toLocaleString("en-GB"),
      "createNotificationsInTransaction",
      formatNumber(setMs),
      perSecond(size, setMs),
      (setMs / baselineMs).toFixed(1),
    ],
    ...(oneByOneMs === undefined
      ? []
      : [
          [
            database,
            size.toLocaleString("en-GB"),
            "createNotification body by body",
            formatNumber(oneByOneMs),
            perSecond(size, oneByOneMs),
            (oneByOneMs / baselineMs).toFixed(1),
          ],
        ]),
  ]);
}

async function onDatabase(handle: DatabaseHandle, label: string): Promise<{ timings: Timing[]; version: string }> {
  await migrateDatabase(handle);
  const caller = await seed(handle);
  const timings = await measure(handle, caller, label);
  const version = rowsOf<{ version: string }>(await handle.db.execute(sql`select version()`))[0]!.version;
  return { timings, version };
}

async function main(): Promise<void> {
  const url = await recreateDatabase(serverUrl, databaseName);
  const postgres = await openDatabase({ driver: "postgres", url, maxConnections: 2 });
  let onPostgres: Awaited<ReturnType<typeof onDatabase>>;
  try {
    onPostgres = await onDatabase(postgres, "PostgreSQL");
  } finally {
    await postgres.close();
    await dropBenchDatabases(serverUrl, [databaseName]);
  }
  const pglite = await openDatabase({ driver: "pglite" });
  let onPglite: Awaited<ReturnType<typeof onDatabase>>;
  try {
    onPglite = await onDatabase(pglite, "PGlite");
  } finally {
    await pglite.close();
  }
  const rows = [...rowsFor("PostgreSQL", onPostgres.timings), ...rowsFor("PGlite", onPglite.timings)];
  const markdown = [
    "# bench:create",
    "",
    `Screen notifications addressed to a team of five (five inbox copies and one live event each), created in one ` +
      `transaction by createNotificationsInTransaction; the median of ${runs} runs. The baseline, measured in the same ` +
      `run on the same database, is a bare multi-row INSERT of as many notification rows (the same values, chunked ` +
      `under the 65,535-parameter limit), so "× baseline" is what the rest of a create costs on top of its rows. ` +
      `The delivery queue is not started (these items send nothing).`,
    "",
    markdownTable(["database", "bodies", "path", "ms", "notifications/s", "× baseline"], rows, [
      "left",
      "right",
      "left",
      "right",
      "right",
      "right",
    ]),
    "",
    `Run ${new Date().toISOString()} in ${elapsedSeconds().toFixed(0)} s; Node ${process.version}, ${os.cpus().length} × ` +
      `${os.cpus()[0]?.model.trim() ?? "unknown CPU"}; ${onPostgres.version.split(" on ")[0]}; PGlite's ${onPglite.version.split(" on ")[0]}.`,
  ].join("\n");
  publishReport("create-set", markdown);
}

runBench("create", main);
