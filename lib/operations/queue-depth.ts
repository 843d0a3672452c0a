import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";

export type QueueDepth = {
  queue: string;
  /** Jobs that may run now and wait for a worker. */
  ready: number;
  /** Jobs waiting for their time: a scheduled send, a retry's backoff. */
  deferred: number;
  /** Jobs a worker holds. */
  active: number;
  /** How long the oldest ready job has been able to run, in seconds; null with none ready. */
  oldestReadySeconds: number | null;
};

/**
 * Every pg-boss queue's waiting and running jobs, read from pg-boss's own tables in the app's
 * database (whichever process runs the workers). Only live jobs are read, through pg-boss's partial
 * index job_i14 (name, state, blocked, start_after) where the state is live, so finished jobs kept
 * for a week cost nothing. Empty when pg-boss has not installed its schema yet.
 */
export async function queueDepths(db: Database): Promise<QueueDepth[]> {
  const installed = rowsOf<{ installed: boolean }>(
    await db.execute(
      sql`select to_regclass('pgboss.job') is not null and to_regclass('pgboss.queue') is not null as installed`,
    ),
  );
  if (!installed[0]?.installed) return [];
  const result = await db.execute(sql`
    select q.name as queue,
      count(j.id) filter (where j.state in ('created', 'retry') and j.start_after <= now())::int as ready,
      count(j.id) filter (where j.state in ('created', 'retry') and j.start_after > now())::int as deferred,
      count(j.id) filter (where j.state = 'active')::int as active,
      extract(epoch from now() - min(j.start_after) filter (where j.state in ('created', 'retry') and j.start_after <= now()))::float8 as oldest_ready_seconds
    from pgboss.queue q
    left join pgboss.job j on j.name = q.name and j.state in ('created', 'retry', 'active')
    group by q.name
    order by q.name`);
  type Row = { queue: string; ready: number; deferred: number; active: number; oldest_ready_seconds: number | null };
  return rowsOf<Row>(result).map((row) => ({
    queue: row.queue,
    ready: Number(row.ready),
    deferred: Number(row.deferred),
    active: Number(row.active),
    oldestReadySeconds:
      row.oldest_ready_seconds === null ? null : Math.max(0, Math.round(Number(row.oldest_ready_seconds))),
  }));
}
