import { sql, type SQL } from "drizzle-orm";

// Arrays passed as one parameter in Postgres's array-literal text form: `= any(…)` and `unnest(…)`
// then take any number of values as a single bound parameter, where a list of parameters would
// run into Postgres's limit of 65,535 and change the statement's text (and its prepared plan) with
// every length. postgres.js and PGlite both bind a string, so the literal is the portable form.

/** uuids need no quoting: they hold only hex digits and dashes. */
export const uuidArray = (ids: readonly string[]): SQL => sql`${`{${ids.join(",")}}`}::uuid[]`;

/** As uuidArray, with null where an entry has no id (an unquoted NULL in an array literal). */
export const nullableUuidArray = (ids: readonly (string | null | undefined)[]): SQL =>
  sql`${`{${ids.map((id) => id ?? "NULL").join(",")}}`}::uuid[]`;

/** Text values, each double-quoted with `"` and `\` escaped, so commas, braces and spaces survive. */
export const textArray = (values: readonly string[]): SQL =>
  sql`${`{${values.map((value) => `"${value.replace(/["\\]/g, "\\$&")}"`).join(",")}}`}::text[]`;
