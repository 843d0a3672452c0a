import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { rowsOf, type Database, type DatabaseHandle } from "@/db/client";
import * as schema from "@/db/schema";
import { listActivities } from "@/lib/activity/list-activities";
import type { ClientCaller } from "@/lib/auth/caller";
import { benchTargetId, hotTargetId } from "./load";

const caller: ClientCaller = {
  kind: "client",
  id: "00000000-0000-4000-8000-000000000001",
  name: "bench",
  scopes: ["activity:read"],
};
const PAGE_SIZE = 10;

export type Timings = {
  /** `select 1` through the same drizzle handle: the connection's own round trip. */
  baseline: number[];
  firstPage: number[];
  fifthPage: number[];
  /** First page of an ordinary target (about 50 rows), a different one each run, so not always cached. */
  ordinaryFirstPage: number[];
};

export type Subject = {
  label: string;
  handle: DatabaseHandle;
  ordinaryTargets: number;
  timings: Timings;
};

/** Walks pages 1–4 of the hot target once and returns the token that fetches page 5. */
export async function findFifthPageToken(db: Database): Promise<string> {
  let token: string | undefined;
  for (let page = 1; page <= 4; page += 1) {
    const result = await listActivities(db, caller, {
      targetId: hotTargetId,
      pageSize: PAGE_SIZE,
      paginationToken: token,
    });
    if (result.results.length !== PAGE_SIZE || !result.paginationDetails.nextToken) {
      throw new Error(`Page ${page} of the hot target is short: the load went wrong`);
    }
    token = result.paginationDetails.nextToken;
  }
  return token!;
}

async function timeInto(samples: number[] | undefined, work: () => Promise<unknown>): Promise<void> {
  const start = performance.now();
  await work();
  const elapsed = performance.now() - start;
  samples?.push(elapsed);
}

/**
 * Runs warm-up then timed rounds, every round visiting each database in turn and swapping which goes
 * first, so both see the same background noise and neither always follows the other.
 */
export async function measure(
  subjects: Subject[],
  fifthPageTokens: Map<Subject, string>,
  rounds: { warmup: number; timed: number },
  onProgress: (done: number, total: number) => void,
): Promise<void> {
  const total = rounds.warmup + rounds.timed;
  const ordinaryIds = new Map(
    subjects.map((subject) => [
      subject,
      Array.from({ length: total }, (_, run) => benchTargetId((run * 7919) % subject.ordinaryTargets)),
    ]),
  );
  for (let run = 0; run < total; run += 1) {
    const order = run % 2 === 0 ? subjects : [...subjects].reverse();
    for (const subject of order) {
      const timings = run >= rounds.warmup ? subject.timings : undefined;
      const db = subject.handle.db;
      const fifthPageToken = fifthPageTokens.get(subject)!;
      const ordinaryId = ordinaryIds.get(subject)![run]!;
      await timeInto(timings?.baseline, () => db.execute(sql`select 1`));
      await timeInto(timings?.firstPage, () =>
        listActivities(db, caller, { targetId: hotTargetId, pageSize: PAGE_SIZE }),
      );
      await timeInto(timings?.fifthPage, () =>
        listActivities(db, caller, { targetId: hotTargetId, pageSize: PAGE_SIZE, paginationToken: fifthPageToken }),
      );
      await timeInto(timings?.ordinaryFirstPage, () =>
        listActivities(db, caller, { targetId: ordinaryId, pageSize: PAGE_SIZE }),
      );
    }
    if ((run + 1) % 100 === 0 || run + 1 === total) onProgress(run + 1, total);
  }
}

export type Plans = { firstPage: string; fifthPage: string };

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the exact SQL listActivities sends: the query is captured from the
 * driver rather than rewritten here, so the plan cannot drift from the read path.
 */
export async function explainListActivities(url: string, fifthPageToken: string): Promise<Plans> {
  const captured: Array<{ query: string; parameters: unknown[] }> = [];
  const client = postgres(url, {
    max: 1,
    onnotice: () => {},
    debug: (_connection, query, parameters) => {
      if (/from "activities"/i.test(query)) captured.push({ query, parameters: [...parameters] });
    },
  });
  try {
    const db = drizzle({ client, schema, casing: "snake_case" }) as unknown as Database;
    await listActivities(db, caller, { targetId: hotTargetId, pageSize: PAGE_SIZE });
    await listActivities(db, caller, { targetId: hotTargetId, pageSize: PAGE_SIZE, paginationToken: fifthPageToken });
    const [first, fifth] = captured;
    if (!first || !fifth) throw new Error("Did not capture the listActivities SQL");
    const explain = async ({ query, parameters }: { query: string; parameters: unknown[] }) => {
      const rows = await client.unsafe<Array<{ "QUERY PLAN": string }>>(
        `explain (analyze, buffers) ${query}`,
        parameters as postgres.ParameterOrJSON<never>[],
      );
      return [
        `-- ${query}`,
        `-- parameters: ${JSON.stringify(parameters)}`,
        ...rows.map((row) => row["QUERY PLAN"]),
      ].join("\n");
    };
    return { firstPage: await explain(first), fifthPage: await explain(fifth) };
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** Client sessions other than ours that are running a query right now: another benchmark adds noise. */
export async function countOtherActiveSessions(db: Database): Promise<number> {
  const result = await db.execute(sql`
    select count(*)::int as active from pg_stat_activity
    where backend_type = 'client backend' and state = 'active' and pid <> pg_backend_pid()`);
  return rowsOf<{ active: number }>(result)[0]?.active ?? 0;
}
