import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf, type Database } from "@/db/client";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { activityGuards } from "./append-only-guards";
import { purgeExpiredActivities } from "./purge-expired";

// What the database itself guarantees about activity history, whoever writes to it: raw SQL, as a
// careless script or a compromised service would send it, on PGlite and on PostgreSQL.

const database = setUpTestDatabase();

/** Inserts one activity by raw SQL and returns its id. */
async function insertActivity(
  values: { createdAt?: Date; ttlDays?: number; recordedAt?: Date } = {},
  db: Database = database.handle.db,
) {
  const id = randomUUID();
  const createdAt = values.createdAt ?? new Date();
  const ttlDays = values.ttlDays ?? 0;
  const expiresAt = ttlDays > 0 ? new Date(createdAt.getTime() + ttlDays * 86_400_000) : null;
  await db.execute(sql`
    insert into activities (id, target_type, target_id, type, created_at, author_details,
                            timeto_live_for_record, expires_at, recorded_at)
    values (${id}, 'person', ${randomUUID()}, 'update', ${createdAt.toISOString()}::timestamptz,
            ${JSON.stringify({ fullName: "Raw Writer", email: "raw@council.example" })}::jsonb,
            ${ttlDays}, ${expiresAt?.toISOString() ?? null}::timestamptz,
            ${(values.recordedAt ?? new Date()).toISOString()}::timestamptz)`);
  return id;
}

async function recordedAtOf(id: string): Promise<Date> {
  const rows = rowsOf<{ recorded_at: string | Date }>(
    await database.handle.db.execute(sql`select recorded_at from activities where id = ${id}`),
  );
  return new Date(rows[0]!.recorded_at);
}

describe("recorded_at", () => {
  it("is the time the row was stored, even when the writer sends another", async () => {
    const before = Date.now();
    const id = await insertActivity({
      createdAt: new Date("2026-01-01T09:00:00Z"),
      recordedAt: new Date("2000-01-01T00:00:00Z"),
    });
    const recordedAt = (await recordedAtOf(id)).getTime();
    // A second of slack either side: the database's clock, not this process's, sets it.
    expect(recordedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(recordedAt).toBeLessThanOrEqual(Date.now() + 1000);
  });
});

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

async function exists(id: string): Promise<boolean> {
  const rows = rowsOf(await database.handle.db.execute(sql`select 1 from activities where id = ${id}`));
  return rows.length === 1;
}

/** The messages of an error and its causes: drizzle wraps the driver's error. */
function messagesOf(error: unknown): string {
  const messages: string[] = [];
  for (let current = error; current instanceof Error; current = current.cause) messages.push(current.message);
  return messages.join(" / ");
}

async function expectRefused(attempt: Promise<unknown>) {
  const error = await attempt.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error, "the database should have refused").toBeDefined();
  expect(messagesOf(error)).toContain("activities is append-only");
}

/** Runs `work` in a transaction that has set the purge's guard, as a script that copied it would. */
function withPurgeGuard(work: (tx: Database) => Promise<unknown>) {
  return database.handle.db.transaction(async (tx) => {
    await tx.execute(sql`select set_config(${activityGuards.purgeExpired}, 'on', true)`);
    await work(tx);
  });
}

describe("activities are append-only", () => {
  it("refuses UPDATE, of any column", async () => {
    const id = await insertActivity();
    await expectRefused(
      database.handle.db.execute(
        sql`update activities set author_details = '{"fullName":"Someone Else","email":"x@council.example"}'::jsonb
            where id = ${id}`,
      ),
    );
    await expectRefused(
      database.handle.db.execute(
        sql`update activities set created_at = created_at - interval '1 year' where id = ${id}`,
      ),
    );
  });

  it("refuses UPDATE and DELETE even with the purge's guard set", async () => {
    const id = await insertActivity({ createdAt: daysAgo(3), ttlDays: 1 });
    await expectRefused(
      withPurgeGuard((tx) => tx.execute(sql`update activities set new_data = null where id = ${id}`)),
    );
    const kept = await insertActivity({ createdAt: daysAgo(3), ttlDays: 30 });
    const forever = await insertActivity({ createdAt: daysAgo(3) });
    await expectRefused(withPurgeGuard((tx) => tx.execute(sql`delete from activities where id = ${kept}`)));
    await expectRefused(withPurgeGuard((tx) => tx.execute(sql`delete from activities where id = ${forever}`)));
    expect([await exists(id), await exists(kept), await exists(forever)]).toEqual([true, true, true]);
  });

  it("refuses DELETE without the guard, even of an expired row", async () => {
    const id = await insertActivity({ createdAt: daysAgo(3), ttlDays: 1 });
    await expectRefused(database.handle.db.execute(sql`delete from activities where id = ${id}`));
    await expectRefused(database.handle.db.execute(sql`delete from activities`));
    expect(await exists(id)).toBe(true);
  });

  it("refuses TRUNCATE", async () => {
    const id = await insertActivity();
    await expectRefused(database.handle.db.execute(sql`truncate activities`));
    expect(await exists(id)).toBe(true);
  });

  it("lets a guarded transaction delete a row past its time to live", async () => {
    const id = await insertActivity({ createdAt: daysAgo(3), ttlDays: 2 });
    await withPurgeGuard((tx) => tx.execute(sql`delete from activities where id = ${id}`));
    expect(await exists(id)).toBe(false);
  });
});

describe("purgeExpiredActivities", () => {
  it("deletes the rows past their time to live and keeps the rest", async () => {
    const expired = await insertActivity({ createdAt: daysAgo(5), ttlDays: 4 });
    const alsoExpired = await insertActivity({ createdAt: daysAgo(400), ttlDays: 365 });
    const notYet = await insertActivity({ createdAt: daysAgo(5), ttlDays: 6 });
    const forever = await insertActivity({ createdAt: daysAgo(5) });
    expect(await purgeExpiredActivities(database.handle.db)).toBeGreaterThanOrEqual(2);
    expect([await exists(expired), await exists(alsoExpired)]).toEqual([false, false]);
    expect([await exists(notYet), await exists(forever)]).toEqual([true, true]);
    expect(await purgeExpiredActivities(database.handle.db)).toBe(0);
  });

  it("leaves no guard behind in a transaction that goes on after it", async () => {
    let later: string | undefined;
    await expectRefused(
      database.handle.db.transaction(async (tx) => {
        await purgeExpiredActivities(tx);
        later = await insertActivity({ createdAt: daysAgo(3), ttlDays: 1 }, tx);
        await tx.execute(sql`delete from activities where id = ${later}`);
      }),
    );
    expect(later).toBeDefined();
  });
});
