import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";
import { loadAppModule } from "../support/app-modules";
import { median, p50 } from "../support/progress";
import { benchService } from "./data";

const { getOperationsSnapshot } =
  loadAppModule<typeof import("@/lib/operations/snapshot")>("@/lib/operations/snapshot");
const { scrapeMetrics } = loadAppModule<typeof import("@/lib/operations/scrape")>("@/lib/operations/scrape");

const operationsOptions = { services: [benchService], limitPerMinute: 3000 };

/** The dashboard's data, exactly as app/admin/page.tsx asks for it. */
export const dashboard = (db: Database) => getOperationsSnapshot(db, operationsOptions);
/** What GET /metrics does after its token check. */
export const scrape = (db: Database) => scrapeMetrics(db, operationsOptions);

export type CallFigures = { bareMs: number; snapshotMs: number; scrapeMs: number };
export type DataFacts = { deliveries: number; lastDay: number; window: number; openItems: number; liveJobs: number };

/**
 * p50 of the dashboard's snapshot and of a scrape's reads, beside a bare `select 1` through the same
 * handle, in rounds that take turns so drift on a shared machine hits all three alike.
 */
export async function measureCalls(db: Database, rounds: number): Promise<CallFigures> {
  const bare = () => db.execute(sql`select 1`);
  await p50(bare, 50);
  await p50(() => dashboard(db), 3);
  await p50(() => scrape(db), 3);
  const bareTimes: number[] = [];
  const snapshotTimes: number[] = [];
  const scrapeTimes: number[] = [];
  const turns = 5;
  const perTurn = Math.max(1, Math.ceil(rounds / turns));
  for (let turn = 0; turn < turns; turn++) {
    bareTimes.push(await p50(bare, perTurn * 4));
    snapshotTimes.push(await p50(() => dashboard(db), perTurn));
    scrapeTimes.push(await p50(() => scrape(db), perTurn));
  }
  return { bareMs: median(bareTimes), snapshotMs: median(snapshotTimes), scrapeMs: median(scrapeTimes) };
}

/** What the tables hold, so the report shows what the dashboard's windows cover against the whole. */
export async function describeData(db: Database): Promise<DataFacts> {
  const [row] = rowsOf<Record<keyof DataFacts, number>>(
    await db.execute(sql`
      select (select count(*) from deliveries)::int as "deliveries",
        (select count(*) from deliveries where created_at > now() - interval '1 day')::int as "lastDay",
        (select count(*) from deliveries where created_at > now() - interval '14 days')::int as "window",
        (select count(*) from notifications
          where require_action and performed_action_type is null and deleted_at is null)::int as "openItems",
        (select count(*) from pgboss.job where state in ('created', 'retry', 'active'))::int as "liveJobs"`),
  );
  return {
    deliveries: Number(row!.deliveries),
    lastDay: Number(row!.lastDay),
    window: Number(row!.window),
    openItems: Number(row!.openItems),
    liveJobs: Number(row!.liveJobs),
  };
}

/** What autovacuum would have done after a load like this (the bench server may run without it). */
export async function refreshStatistics(db: Database): Promise<void> {
  for (const table of ["notifications", "deliveries"]) await db.execute(sql`vacuum (analyze) ${sql.identifier(table)}`);
  await db.execute(sql`analyze pgboss.job`);
}
