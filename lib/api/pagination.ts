import { sql, type Placeholder, type SQL, type SQLWrapper } from "drizzle-orm";
import { z } from "zod";
import { ApiError } from "./errors";

/** `pageSize` as API.md sets it: 1–100, default 10. */
export const pageSizeSchema = z.coerce
  .number({ error: "pageSize must be a whole number from 1 to 100" })
  .int("pageSize must be a whole number from 1 to 100")
  .min(1, "pageSize must be a whole number from 1 to 100")
  .max(100, "pageSize must be a whole number from 1 to 100")
  .default(10);

export const paginationQuerySchema = z.object({
  pageSize: pageSizeSchema,
  paginationToken: z.string().max(500).optional(),
});

// Postgres's text form of a timestamptz (DateStyle ISO), as the lists put it into their tokens.
const timestampText = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?[+-](0\d|1[0-5])(:[0-5]\d){0,2}$/;

/** True for a timestamp Postgres will accept back: a real calendar day and time, year 1 or later. */
function isTimestampText(text: string): boolean {
  const match = timestampText.exec(text);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1 &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60
  );
}

/**
 * The keyset position every list pages by: the last row's time as Postgres printed it (microseconds
 * kept) and its id. Checked in full, so a token edited by hand is a 400, never a database error.
 */
export const keysetPositionSchema = z.object({ at: z.string().refine(isTimestampText), id: z.uuid() });
export type KeysetPosition = z.infer<typeof keysetPositionSchema>;

export type Page<T> = { results: T[]; paginationDetails: { nextToken: string | null } };

/** Tokens are opaque to clients: base64url of a small JSON keyset position. */
export function encodePaginationToken(position: unknown): string {
  return Buffer.from(JSON.stringify(position), "utf8").toString("base64url");
}

export function decodePaginationToken<Schema extends z.ZodType>(token: string, schema: Schema): z.output<Schema> {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw invalidToken();
  }
  const result = schema.safeParse(decoded);
  if (!result.success) throw invalidToken();
  return result.data;
}

/** The position a paginationToken names, or undefined for the first page; a token not issued here is a 400. */
export function readPaginationToken(token: string | undefined): KeysetPosition | undefined {
  return token ? decodePaginationToken(token, keysetPositionSchema) : undefined;
}

/**
 * A row's keyset time, selected as the position's `at`: the time as Postgres prints it. Not a
 * JavaScript Date, which keeps milliseconds only: a position cut short of its microseconds
 * would skip the rows created in the same millisecond.
 */
export function positionAt(time: SQLWrapper): SQL<string> {
  return sql<string>`${time}::text`;
}

/** The columns a list is ordered by, time first and id to break ties. */
export type KeysetColumns = { at: SQLWrapper; id: SQLWrapper };

/**
 * The rows past `position` in a list ordered by (time, id), newest first unless told otherwise.
 * The position's values may be placeholders, for a prepared query. Undefined on the first page,
 * so it drops out of `and(…)`.
 */
export function afterPosition(
  columns: KeysetColumns,
  position: { at: string | Placeholder; id: string | Placeholder } | undefined,
  order: "newest first" | "oldest first" = "newest first",
): SQL | undefined {
  if (!position) return undefined;
  const comparison = sql.raw(order === "newest first" ? "<" : ">");
  return sql`(${columns.at}, ${columns.id}) ${comparison} (${position.at}::timestamptz, ${position.id}::uuid)`;
}

/**
 * Builds a page from rows fetched with `limit pageSize + 1`: the extra row only proves there is a
 * next page, so a page that ends exactly on the last record gets `nextToken: null`.
 */
export function toPage<Row, Item>(
  rows: Row[],
  pageSize: number,
  positionOf: (row: Row) => unknown,
  toItem: (row: Row) => Item,
): Page<Item> {
  const pageRows = rows.slice(0, pageSize);
  const last = pageRows.at(-1);
  const nextToken = rows.length > pageSize && last !== undefined ? encodePaginationToken(positionOf(last)) : null;
  return { results: pageRows.map(toItem), paginationDetails: { nextToken } };
}

function invalidToken(): ApiError {
  return new ApiError("bad_request", "paginationToken is not one this API issued", {
    errors: [{ path: "paginationToken", message: "Use the nextToken from the previous page, unchanged" }],
  });
}
