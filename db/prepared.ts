import type { Database } from "./client";

const preparedByDatabase = new WeakMap<Database, Map<string, unknown>>();

/**
 * A query built once per database (or transaction) object and kept, for the hottest requests.
 * Building a drizzle query walks its whole expression tree on every call; under load that costs
 * more than the query itself. `build` gets the database to prepare against and must use
 * `sql.placeholder` for everything that varies.
 */
export function preparedQuery<T>(db: Database, name: string, build: (db: Database) => T): T {
  let queries = preparedByDatabase.get(db);
  if (!queries) {
    queries = new Map();
    preparedByDatabase.set(db, queries);
  }
  let query = queries.get(name) as T | undefined;
  if (query === undefined) {
    query = build(db);
    queries.set(name, query);
  }
  return query;
}
