import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf } from "@/db/client";
import { setUpTestDatabase } from "@/db/testing/test-database";

const database = setUpTestDatabase();

// The paged lists order by `created_at desc, id desc`, which Postgres reads as DESC NULLS FIRST.
// An index built DESC NULLS LAST (drizzle's default for .desc()) cannot serve that order, and every
// page sorts all of a record's rows: at 5M activities the first page cost 3.8× what it did at 50k.
describe("the indexes behind paged lists", () => {
  it.each([
    "activities_target_idx",
    "receipts_inbox_idx",
    "notifications_client_created_idx",
    "notifications_target_idx",
  ])("%s stores descending columns in the order the queries ask for", async (name) => {
    const [index] = rowsOf<{ definition: string }>(
      await database.handle.db.execute(sql`select indexdef as definition from pg_indexes where indexname = ${name}`),
    );
    expect(index?.definition).toMatch(/DESC/);
    expect(index?.definition).not.toMatch(/DESC NULLS LAST/);
  });

  it("pages a target's history straight off the index, without sorting", async () => {
    const { db } = database.handle;
    const plan = await db.transaction(async (tx) => {
      // Ruling out the alternatives leaves either an ordered index scan or a sort; only the first is right.
      await tx.execute(sql`set local enable_seqscan = off`);
      await tx.execute(sql`set local enable_bitmapscan = off`);
      await tx.execute(sql`set local enable_sort = off`);
      return rowsOf<{ "QUERY PLAN": string }>(
        await tx.execute(sql`explain select * from activities where target_id = '6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0b01'
          order by created_at desc, id desc limit 11`),
      ).map((row) => row["QUERY PLAN"]);
    });
    expect(plan.join("\n")).toContain("activities_target_idx");
    expect(plan.join("\n")).not.toMatch(/Sort/);
  });
});
