import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf } from "@/db/client";
import { setUpTestDatabase } from "@/db/testing/test-database";

// What the database itself guarantees about activity history, whoever writes to it: raw SQL, as a
// careless script or a compromised service would send it, on PGlite and on PostgreSQL.

const database = setUpTestDatabase();

/** Inserts one activity by raw SQL and returns its id. */
async function insertActivity(values: { createdAt?: Date; ttlDays?: number; recordedAt?: Date } = {}) {
  const id = randomUUID();
  const createdAt = values.createdAt ?? new Date();
  const ttlDays = values.ttlDays ?? 0;
  const expiresAt = ttlDays > 0 ? new Date(createdAt.getTime() + ttlDays * 86_400_000) : null;
  await database.handle.db.execute(sql`
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
