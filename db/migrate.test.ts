import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf } from "@/db/client";
import { createTestDatabase } from "@/db/testing/test-database";
import { migrateDatabase } from "./migrate";

describe("migrateDatabase", () => {
  it("creates every table, and applying it again changes nothing", async () => {
    const handle = await createTestDatabase();
    try {
      await migrateDatabase(handle);
      await migrateDatabase(handle);
      const result = await handle.db.execute(
        sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
      );
      const tables = rowsOf<{ table_name: string }>(result).map((row) => row.table_name);
      expect(tables).toEqual(expect.arrayContaining(["users", "teams", "team_members", "api_clients"]));
    } finally {
      await handle.close();
    }
  });
});
