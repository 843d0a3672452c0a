import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "./client";

// PostgreSQL keeps planner statistics fresh and dead rows cleared with autovacuum. The embedded
// database (PGlite) runs as one backend with no autovacuum, so without this its plans go stale as
// tables grow: a client's list took 10.6 ms on a stale plan and 0.27 ms after ANALYZE. These apply
// autovacuum's own default thresholds, so a table is only touched once enough of it has changed.

export type StatisticsWork = { analyzed: string[]; vacuumed: string[] };

type TableState = { schema: string; name: string; analyze: boolean; vacuum: boolean };

/** True when the server runs autovacuum itself (a PostgreSQL server); PGlite has no launcher. */
async function autovacuumRuns(db: Database): Promise<boolean> {
  const [row] = rowsOf<{ runs: boolean }>(
    await db.execute(
      sql`select exists (select 1 from pg_stat_activity where backend_type = 'autovacuum launcher') as runs`,
    ),
  );
  return row?.runs ?? false;
}

/**
 * ANALYZE the tables changed by more than 10% (+50 rows) since their last analysis, and VACUUM those
 * with more than 20% (+50) dead rows or 20% (+1,000) rows inserted since their last vacuum (which
 * keeps index-only scans, such as the capped counts, off the heap). Does nothing where autovacuum runs.
 */
export async function keepStatisticsFresh(db: Database): Promise<StatisticsWork> {
  const work: StatisticsWork = { analyzed: [], vacuumed: [] };
  if (await autovacuumRuns(db)) return work;
  // This backend's own counters reach pg_stat_user_tables only when flushed, at most once a second.
  await db.execute(sql`select pg_stat_force_next_flush()`);
  const tables = rowsOf<TableState>(
    await db.execute(sql`
      select s.schemaname as schema, s.relname as name,
        s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0) as analyze,
        s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0)
          or s.n_ins_since_vacuum > 1000 + 0.2 * greatest(c.reltuples, 0) as vacuum
      from pg_stat_user_tables s join pg_class c on c.oid = s.relid
      order by s.schemaname, s.relname`),
  );
  for (const table of tables) {
    const name = sql`${sql.identifier(table.schema)}.${sql.identifier(table.name)}`;
    if (table.vacuum) {
      await db.execute(sql`vacuum (analyze) ${name}`);
      work.vacuumed.push(`${table.schema}.${table.name}`);
      work.analyzed.push(`${table.schema}.${table.name}`);
    } else if (table.analyze) {
      await db.execute(sql`analyze ${name}`);
      work.analyzed.push(`${table.schema}.${table.name}`);
    }
  }
  return work;
}

/** ANALYZE every table (samples, not whole scans): at start-up, after migrations and seeding. */
export async function analyzeDatabase(db: Database): Promise<void> {
  await db.execute(sql`analyze`);
}
