import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApiClient } from "@/lib/auth/api-clients";
import { waitFor } from "@/lib/delivery/test-support";
import { insertInboxItems } from "@/lib/notifications/testing/insert-inbox-items";
import { rowsOf } from "./client";
import { analyzeDatabase, keepStatisticsFresh } from "./statistics";
import { setUpTestDatabase } from "./testing/test-database";

// Runs on PGlite and on the test PostgreSQL server, which here (like PGlite) runs no autovacuum.
const database = setUpTestDatabase();

const tableState = async (name: string) =>
  rowsOf<{ rows: number; analysed: boolean }>(
    await database.handle.db.execute(sql`
      select c.reltuples::int as rows, s.last_analyze is not null as analysed
      from pg_class c join pg_stat_user_tables s on s.relid = c.oid
      where s.schemaname = 'public' and c.relname = ${name}`),
  )[0]!;

describe("keeping the planner's statistics fresh without autovacuum", () => {
  it("analyses and vacuums a table that grew, and leaves it alone until it changes again", async () => {
    const { db } = database.handle;
    const { client } = await createApiClient(db, { name: "grows", scopes: ["notifications:write"] });
    await insertInboxItems(db, { clientId: client.id, count: 3_000 });
    const [server] = rowsOf<{ autovacuum: boolean }>(
      await db.execute(sql`select exists (select 1 from pg_stat_activity
        where backend_type = 'autovacuum launcher') as autovacuum`),
    );
    if (server!.autovacuum) {
      // A server that runs autovacuum keeps its own statistics: nothing to do here.
      expect(await keepStatisticsFresh(db)).toEqual({ analyzed: [], vacuumed: [] });
      return;
    }
    // A server's other connections report their changes up to a second late, hence the wait.
    const work = await waitFor(
      () => keepStatisticsFresh(db),
      (done) => done.vacuumed.includes("public.notifications"),
      { timeoutMs: 15_000, intervalMs: 500 },
    );
    expect(work.analyzed).toContain("public.notifications");
    expect(await tableState("notifications")).toEqual({ rows: 3_000, analysed: true });
    expect((await keepStatisticsFresh(db)).analyzed).not.toContain("public.notifications");
  });

  it("analyses every table at start-up, so the first plans know what the tables hold", async () => {
    const { db } = database.handle;
    await db.execute(
      sql`insert into teams (key, name) select 'team-' || i, 'Team ' || i from generate_series(1, 40) i`,
    );
    await analyzeDatabase(db);
    expect((await tableState("teams")).analysed).toBe(true);
    expect((await tableState("teams")).rows).toBeGreaterThanOrEqual(40);
  });
});
