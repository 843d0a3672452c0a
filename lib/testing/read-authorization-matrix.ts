import fs from "node:fs";
import type { Scope } from "@/db/schema";

/** One line of the matrix: the status each column's caller should get from one route. */
export type MatrixRow = {
  route: string;
  /** "own" or "others" for a route about one record; "" otherwise; "out of scope" for a route not checked. */
  record: string;
  scope: Scope | null;
  expected: Record<string, number>;
};

/**
 * Reads the Markdown table of app/api/authorization-matrix.md: a header naming the columns, then one
 * line per route (and record). A cell that is not an HTTP status stops the test with its place.
 */
export function readAuthorizationMatrix(file: string): { columns: string[]; rows: MatrixRow[] } {
  const table = fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.startsWith("|"))
    .map((line) =>
      line
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  const [header, , ...lines] = table;
  if (!header) throw new Error(`${file} has no table`);
  const columns = header.slice(3);
  const rows = lines.map(([route = "", record = "", scope = "", ...cells]) => {
    if (record === "out of scope") return { route, record, scope: null, expected: {} };
    const expected = Object.fromEntries(
      columns.map((column, index) => {
        const status = cells[index] ?? "";
        if (!/^[1-5]\d\d$/.test(status)) throw new Error(`${file}: ${route} ${record}: "${status}" under ${column}`);
        return [column, Number(status)];
      }),
    );
    return { route, record, scope: scope ? (scope as Scope) : null, expected };
  });
  return { columns, rows };
}
