import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/db/testing/test-database";
import { rowsOf, type DatabaseHandle } from "./client";
import { pipelined } from "./pipeline";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  await handle.db.execute(sql`create table pipeline_probe (id integer primary key, note text)`);
});
afterAll(() => handle.close());

describe("pipelined", () => {
  it("runs a transaction's statements in order, so a later one sees an earlier one's row", async () => {
    const [, seen] = await handle.db.transaction((tx) =>
      pipelined([
        tx.execute(sql`insert into pipeline_probe (id, note) values (${1}, ${"first"})`),
        tx.execute(sql`select note from pipeline_probe where id = ${1}`),
      ]),
    );
    expect(rowsOf<{ note: string }>(seen)).toEqual([{ note: "first" }]);
  });

  it("throws the first failure, not the aborted transaction's, and rolls everything back", async () => {
    const attempt = handle.db.transaction((tx) =>
      pipelined([
        tx.execute(sql`insert into pipeline_probe (id, note) values (${2}, ${"kept?"})`),
        tx.execute(sql`insert into pipeline_probe (id, note) values (${1}, ${"duplicate"})`),
        tx.execute(sql`select ${3}::int as after`),
      ]),
    );
    // drizzle wraps the driver's error; its cause is the duplicate key (23505), not 25P02 (aborted).
    await expect(attempt).rejects.toMatchObject({ cause: { code: "23505" } });
    const rows = rowsOf<{ id: number }>(await handle.db.execute(sql`select id from pipeline_probe order by id`));
    expect(rows.map((row) => row.id)).toEqual([1]);
  });
});
