import fs from "node:fs";

/**
 * The Markdown table in a file (the lines that start with `|`), each row as its cells keyed by the
 * header's names. Tests keep their expectation tables in Markdown so people can read them as tables.
 */
export function readMarkdownTable(file: string): { columns: string[]; rows: Record<string, string>[] } {
  const [header, , ...lines] = fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.startsWith("|"))
    .map((line) =>
      line
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  if (!header) throw new Error(`${file} has no table`);
  return {
    columns: header,
    rows: lines.map((cells) => Object.fromEntries(header.map((column, index) => [column, cells[index] ?? ""]))),
  };
}

/** Compares a table's rows with what exists: both lists are empty when the table covers exactly what is there. */
export function tableCoverage(
  existing: string[],
  inTable: string[],
): { withoutRow: string[]; rowsForMissing: string[] } {
  return {
    withoutRow: existing.filter((name) => !inTable.includes(name)),
    rowsForMissing: [...new Set(inTable)].filter((name) => !existing.includes(name)),
  };
}
