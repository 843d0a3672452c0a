import type postgres from "postgres";

// drizzle asks postgres.js to prepare only the queries built with `.prepare(name)`; every other
// query goes as an unnamed statement, and postgres.js sends one with parameters in two round trips
// (describe it to learn the parameter types, then run it) and cannot pipeline it with the next.
// Prepared, a statement is described once per connection and then runs in one round trip, and a
// transaction's independent statements share one (db/pipeline.ts). Statements with many
// parameters (a long IN list, multi-row VALUES) vary with their row count and would pile up in
// each connection's statement cache, so they stay unnamed.
const MOST_PARAMETERS_PREPARED = 100;

/** The postgres.js client with drizzle's parameterised queries prepared, in and out of transactions. */
export function preparingParameterisedQueries(client: postgres.Sql): postgres.Sql {
  return withPreparedUnsafe(client, true);
}

type UnsafeOptions = postgres.UnsafeQueryOptions | undefined;

function withPreparedUnsafe(sql: postgres.Sql, wrapBegin: boolean): postgres.Sql {
  const unsafe = (query: string, parameters?: never[], options?: UnsafeOptions) =>
    sql.unsafe(query, parameters, preparedWhenWorthIt(parameters, options));
  // drizzle runs a transaction's queries, and a nested transaction's savepoint, on the `sql` it is handed.
  const wrapCallback = (args: unknown[]) =>
    args.map((arg) =>
      typeof arg === "function"
        ? (inner: postgres.Sql) => (arg as (inner: postgres.Sql) => unknown)(withPreparedUnsafe(inner, false))
        : arg,
    );
  const begin = (...args: unknown[]) => (sql.begin as (...inner: unknown[]) => unknown)(...wrapCallback(args));
  const savepoint = (...args: unknown[]) =>
    (sql as unknown as { savepoint: (...inner: unknown[]) => unknown }).savepoint(...wrapCallback(args));
  return new Proxy(sql, {
    get: (target, property, receiver) => {
      if (property === "unsafe") return unsafe;
      if (property === "begin" && wrapBegin) return begin;
      if (property === "savepoint" && !wrapBegin) return savepoint;
      return Reflect.get(target, property, receiver);
    },
  });
}

function preparedWhenWorthIt(parameters: unknown[] | undefined, options: UnsafeOptions): UnsafeOptions {
  const count = parameters?.length ?? 0;
  if (count === 0 || count > MOST_PARAMETERS_PREPARED || options?.prepare) return options;
  return { ...options, prepare: true };
}
