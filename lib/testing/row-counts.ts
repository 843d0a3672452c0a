import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";

/** Rows in every table of the app's schema (pg-boss keeps its own): what a dry run must leave as it was. */
export async function rowCounts(db: Database): Promise<Record<string, number>> {
  const tables = rowsOf<{ name: string }>(
    await db.execute(sql`select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`),
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = rowsOf<{ count: number }>(await db.execute(sql.raw(`select count(*)::int as count from "${name}"`)));
    counts[name] = row!.count;
  }
  return counts;
}
