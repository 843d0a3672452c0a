import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf } from "./client";
import { nullableUuidArray, textArray, uuidArray } from "./sql-arrays";
import { setUpTestDatabase } from "./testing/test-database";

// The array literals read back as the values that went in, on PGlite and PostgreSQL.

const database = setUpTestDatabase();

async function unnest(array: ReturnType<typeof textArray>): Promise<(string | null)[]> {
  const rows = rowsOf<{ value: string | null }>(
    await database.handle.db.execute(
      sql`select value::text from unnest(${array}) with ordinality as t(value, n) order by n`,
    ),
  );
  return rows.map((row) => row.value);
}

describe("array parameters", () => {
  it("keeps text with commas, quotes, backslashes, braces and spaces whole", async () => {
    const values = ["a,b", 'say "hi"', "back\\slash", "{braced}", " padded ", "NULL", ""];
    expect(await unnest(textArray(values))).toEqual(values);
  });

  it("passes uuids, and nulls where an entry has none", async () => {
    const ids = [randomUUID(), randomUUID()];
    expect(await unnest(uuidArray(ids))).toEqual(ids);
    expect(await unnest(nullableUuidArray([ids[0], null, undefined]))).toEqual([ids[0], null, null]);
  });
});
