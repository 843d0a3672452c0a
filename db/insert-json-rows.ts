import { getTableColumns, getTableName, is, SQL, sql } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Database } from "./client";

/**
 * Inserts any number of rows in one statement of one parameter and returns them as drizzle reads
 * them (dates, jsonb), in no particular order: give rows their own ids to match them up. The rows
 * travel as one JSON array that jsonb_populate_recordset types by the table's own row type, so a
 * bulk create never meets PostgreSQL's 65,535-parameter limit and no column type is written twice.
 * A column no row names takes its default, as in a one-row insert; every row must name the same ones.
 * Not for tables with generated columns (drizzle leaves those out of the insert).
 */
export async function insertJsonRows<Table extends PgTable>(
  tx: Database,
  table: Table,
  rows: Table["$inferInsert"][],
): Promise<Table["$inferSelect"][]> {
  if (rows.length === 0) return [];
  const given = new Set(Object.keys(rows[0]!).filter((key) => (rows[0] as Record<string, unknown>)[key] !== undefined));
  const json: Record<string, unknown>[] = rows.map(() => ({}));
  const selected: SQL[] = [];
  // drizzle's insert … select lists every column in its table's order, so the select must too.
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const name = column.keyAsName ? toSnakeCase(key) : column.name;
    if (!given.has(key) && is(column.default, SQL)) {
      selected.push(column.default);
      continue;
    }
    // A key left out reads as null, so nulls are not sent: most rows leave most columns empty, and
    // the JSON PostgreSQL parses shrinks by half or more.
    for (const [index, row] of rows.entries()) {
      const value = given.has(key) ? (row as Record<string, unknown>)[key] : column.default;
      if (value !== null && value !== undefined) json[index]![name] = value;
    }
    selected.push(sql`r.${sql.identifier(name)}`);
  }
  const source = sql`select ${sql.join(selected, sql`, `)}
    from jsonb_populate_recordset(null::${sql.identifier(getTableName(table))}, ${JSON.stringify(json)}::jsonb) as r`;
  return (await tx.insert(table).select(source).returning()) as Table["$inferSelect"][];
}
