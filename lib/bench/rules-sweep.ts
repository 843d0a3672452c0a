/**
 * How fast the escalation sweep is on PostgreSQL: 1,000,000 open action-required items across the
 * nine seeded escalation rules' categories, of which 10,000 are due (half for a reminder, half for
 * escalation to their team's two named managers). Measures one sweep (with the default limit, every
 * due item, in batches of a transaction each), any further sweeps until all are done (only with a
 * BENCH_LIMIT below BENCH_DUE), and a sweep when nothing is due. Reports figures and never asserts.
 *
 *   npm run bench:rules:sweep
 *
 * BENCH_DATABASE_URL  a PostgreSQL server to create the bench database on
 *                     (default postgres://postgres@127.0.0.1:5432/postgres)
 * BENCH_ITEMS         open action-required items (default 1000000)
 * BENCH_DUE           of which due (default 10000)
 * BENCH_LIMIT         steps one sweep takes (default the sweep's own limit, 10,000)
 * BENCH_BATCH         steps one transaction takes (default the sweep's own, 1,000)
 * BENCH_KEEP=1        keep the bench database afterwards, to look at it with psql
 */
import os from "node:os";
import { sql } from "drizzle-orm";
import { openDatabase, rowsOf, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { createTestClock } from "@/lib/rules/time/clock";
import { loadAppModule } from "./support/app-modules";
import { formatNumber, markdownTable, type Cell } from "./support/markdown";
import { benchServerUrl, recreateDatabase } from "./support/postgres-server";
import { elapsedSeconds, median, progress, timed } from "./support/progress";
import { dropBenchDatabases, publishReport, runBench } from "./support/run-bench";

// The escalation step creates notifications, whose pipeline reaches lib/notify/recipients.ts.
const { sweepEscalations, defaultSweepLimit, defaultBatchSize } = loadAppModule<
  typeof import("@/lib/rules/engine/escalations")
>("@/lib/rules/engine/escalations");

const items = Number(process.env.BENCH_ITEMS ?? 1_000_000);
const due = Number(process.env.BENCH_DUE ?? 10_000);
const limit = Number(process.env.BENCH_LIMIT ?? defaultSweepLimit);
const batchSize = Number(process.env.BENCH_BATCH ?? defaultBatchSize);
const serverUrl = benchServerUrl();
const databaseName = "nc_bench_rules_sweep";
const teamCount = 100;

// A Wednesday noon: the seeded rules remind after 1 working day and escalate after 2.
const now = new Date("2026-11-25T12:00:00Z");
const notDueSince = "2026-11-25T11:00:00Z"; // created in the last hour: nothing due
const reminderDueAt = "2026-11-24T10:00:00Z"; // Tuesday 10:00: reminder due Wednesday 10:00, escalation Thursday
const escalationDueAt = "2026-11-11T10:00:00Z"; // a fortnight ago, already reminded

/** 100 teams of five officers and two named managers; the seeded escalation rules as migrated. */
async function seedDirectory(handle: DatabaseHandle): Promise<string[]> {
  await handle.db.execute(sql`
    insert into teams (key, name) select 'team-' || t, 'Team ' || t from generate_series(1, ${teamCount}) t`);
  await handle.db.execute(sql`
    insert into users (name, email, roles)
    select 'Officer ' || t || '-' || m, 'officer.' || t || '.' || m || '@council.example',
      case when m <= 2 then '{finance-manager}'::role[] else '{finance-officer}'::role[] end
    from generate_series(1, ${teamCount}) t, generate_series(1, 7) m`);
  await handle.db.execute(sql`
    insert into team_managers (team_id, user_id)
    select tm.id, u.id from users u join teams tm on u.email like 'officer.' || substr(tm.key, 6) || '.%'
    where u.email ~ '\\.[12]@'`);
  await handle.db.execute(sql`
    insert into team_members (team_id, user_id)
    select tm.id, u.id from users u join teams tm on u.email like 'officer.' || substr(tm.key, 6) || '.%'
    where u.email !~ '\\.[12]@'`);
  const rows = rowsOf<{ category: string }>(
    await handle.db.execute(
      sql`select definition->>'category' as category from rules where kind = 'escalation' and enabled order by name`,
    ),
  );
  return rows.map((row) => row.category);
}

/**
 * The items, set-based: every one needs action and is sent to a team, spread over the rules'
 * categories. Inbox copies are written only for the due ones (the sweep reads and writes no other
 * item's copies), which keeps the load to minutes on a small machine.
 */
async function seedItems(handle: DatabaseHandle, categories: string[]): Promise<void> {
  const categoryArray = sql`${`{${categories.join(",")}}`}::text[]`;
  const half = Math.floor(due / 2);
  await handle.db.execute(sql`
    insert into notifications (notification_type, category, message, target_type, target_id, recipient_kind,
      recipient_team, require_action, created_at, reminded_at)
    select 'Screen', (${categoryArray})[1 + i % ${categories.length}], 'Estimate ' || i || ' to approve', 'workOrder',
      md5(i::text)::uuid::text, 'team', 'team-' || (1 + i % ${teamCount}), true,
      case when i <= ${half} then ${escalationDueAt}::timestamptz
           when i <= ${due} then ${reminderDueAt}::timestamptz
           else ${notDueSince}::timestamptz + (i % 3600) * interval '1 second' end,
      case when i <= ${half} then ${reminderDueAt}::timestamptz end
    from generate_series(1, ${items}) i`);
  await handle.db.execute(sql`
    insert into notification_receipts (notification_id, user_id, created_at, action_required)
    select n.id, m.user_id, n.created_at, true
    from notifications n join teams t on t.key = n.recipient_team join team_members m on m.team_id = t.id
    where n.created_at < ${notDueSince}::timestamptz`);
  await handle.db.execute(sql`analyze`);
}

type Sweep = { index: number; ms: number; reminded: number; escalated: number; failed: number };

async function sweepUntilDone(handle: DatabaseHandle): Promise<Sweep[]> {
  const clock = createTestClock(now);
  const sweeps: Sweep[] = [];
  for (let index = 1; index <= Math.ceil(due / limit) + 2; index++) {
    const { result, ms } = await timed(() => sweepEscalations(handle.db, { clock, limit, batchSize }));
    sweeps.push({ index, ms, ...result });
    progress(`sweep ${index}: ${ms.toFixed(0)} ms, ${JSON.stringify(result)}`);
    if (result.reminded + result.escalated + result.failed === 0) break;
  }
  return sweeps;
}

async function nothingDue(handle: DatabaseHandle): Promise<number[]> {
  const clock = createTestClock(now);
  const runs: number[] = [];
  for (let run = 0; run < 25; run++) runs.push((await timed(() => sweepEscalations(handle.db, { clock }))).ms);
  return runs.slice(5);
}

async function main(): Promise<void> {
  process.env.LOG_LEVEL ??= "silent";
  const url = await recreateDatabase(serverUrl, databaseName);
  const handle = await openDatabase({ driver: "postgres", url, maxConnections: 2 });
  try {
    await migrateDatabase(handle);
    const categories = await seedDirectory(handle);
    progress(`seeding ${items.toLocaleString("en-GB")} items over ${categories.length} categories`);
    const { ms: loadMs } = await timed(() => seedItems(handle, categories));
    progress(`seeded in ${(loadMs / 1000).toFixed(1)} s`);
    const plan = rowsOf<{ "QUERY PLAN": string }>(
      await handle.db.execute(sql`explain select id from notifications
        where category = ${categories[0]!} and require_action and performed_action_type is null
          and deleted_at is null and escalated_at is null and created_at <= ${now.toISOString()}::timestamptz
        order by created_at limit ${limit}`),
    ).map((row) => row["QUERY PLAN"]);

    const sweeps = await sweepUntilDone(handle);
    const idle = await nothingDue(handle);
    const version = rowsOf<{ version: string }>(await handle.db.execute(sql`select version()`))[0]!.version;
    const working = sweeps.filter((entry) => entry.reminded + entry.escalated > 0);
    const steps = working.reduce((sum, entry) => sum + entry.reminded + entry.escalated, 0);
    const totalMs = working.reduce((sum, entry) => sum + entry.ms, 0);
    const first = working[0];
    const firstSteps = first ? first.reminded + first.escalated : 0;
    const rows: Cell[][] = [
      ["one sweep", formatNumber(first?.ms ?? 0), firstSteps.toLocaleString("en-GB"), "< 2,000 ms"],
      ...(working.length > 1
        ? [[`all due steps (${working.length} sweeps)`, formatNumber(totalMs), steps.toLocaleString("en-GB"), ""]]
        : []),
      ["nothing due (median of 20)", formatNumber(median(idle), 1), "0", "< 50 ms"],
      ["nothing due (slowest of 20)", formatNumber(Math.max(...idle), 1), "0", "< 50 ms"],
    ];
    const failed = sweeps.reduce((sum, entry) => sum + entry.failed, 0);
    const markdown = [
      "# bench:rules:sweep",
      "",
      `PostgreSQL, ${items.toLocaleString("en-GB")} open action-required items sent to ${teamCount} teams over the ` +
        `${categories.length} seeded escalation rules' categories; ${due.toLocaleString("en-GB")} due ` +
        `(half for a reminder, half for escalation to the team's two named managers: two notifications each). ` +
        `A sweep takes up to ${limit.toLocaleString("en-GB")} steps, escalations then reminders, in batches of ` +
        `${batchSize.toLocaleString("en-GB")}, each batch one transaction of set-based statements (lock, claims, ` +
        `notifications through the create pipeline, audit trail, activities, live events). Loaded in ` +
        `${(loadMs / 1000).toFixed(0)} s with set-based SQL.`,
      "",
      markdownTable(["sweep", "ms", "steps per sweep", "target"], rows, ["left", "right", "right", "left"]),
      "",
      `Steps: ${steps} taken, ${failed} failed; ${formatNumber(steps / (totalMs / 1000))} steps/s.`,
      "",
      "The due query's per-rule part (a LATERAL subquery; one statement per step kind covers every rule):",
      "",
      "```",
      ...plan,
      "```",
      "",
      `Run ${new Date().toISOString()} in ${elapsedSeconds().toFixed(0)} s; Node ${process.version}, ${os.cpus().length} × ` +
        `${os.cpus()[0]?.model.trim() ?? "unknown CPU"}; ${version}.`,
    ].join("\n");
    publishReport("rules-sweep", markdown);
  } finally {
    await handle.close();
    await dropBenchDatabases(serverUrl, [databaseName]);
  }
}

runBench("rules:sweep", main);
