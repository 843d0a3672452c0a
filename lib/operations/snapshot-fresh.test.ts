import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf } from "@/db/client";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { lastDays } from "./days";
import { getOperationsSnapshot } from "./snapshot";

// A database just migrated: nothing sent yet and pg-boss's schema not installed (its first start
// creates it), as on a new installation's first visit to /admin.
const database = setUpTestDatabase();

describe("getOperationsSnapshot on a fresh database", () => {
  it("answers with empty figures, not an error, before pg-boss has installed its schema", async () => {
    const installed = rowsOf<{ installed: boolean }>(
      await database.handle.db.execute(sql`select to_regclass('pgboss.job') is not null as installed`),
    );
    expect(installed[0]?.installed).toBe(false);
    const now = new Date();
    const snapshot = await getOperationsSnapshot(database.handle.db, {
      now,
      services: ["housing"],
      limitPerMinute: 3000,
    });
    expect(snapshot.queues).toEqual([]);
    expect(snapshot.days.map((row) => row.day)).toEqual(lastDays(now, 14));
    expect(snapshot.days.every((row) => row.total === 0)).toBe(true);
    expect(snapshot.lastDay).toMatchObject({ total: 0, failureRate: null });
    expect(snapshot.window).toMatchObject({ total: 0, failureRate: null });
    expect(snapshot.failureReasons).toEqual([]);
    expect(snapshot.actionItems).toEqual([]);
    expect(snapshot.ruleSteps).toEqual({ escalated: 0, reminded: 0, escalatedTo: [] });
    expect(snapshot.headroom).toEqual([expect.objectContaining({ serviceKey: "housing", usedLastMinute: 0 })]);
  });
});
