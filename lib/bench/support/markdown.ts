import fs from "node:fs";
import path from "node:path";

export type Cell = string | number;

/**
 * A GitHub-flavoured markdown table, padded so it also reads well in a terminal. The first column
 * (the label) is left-aligned and the rest (figures) right-aligned unless `align` says otherwise.
 */
export function markdownTable(header: string[], rows: Cell[][], align?: ("left" | "right")[]): string {
  const alignment = header.map((_, column) => align?.[column] ?? (column === 0 ? "left" : "right"));
  const text = rows.map((row) => header.map((_, column) => String(row[column] ?? "")));
  const widths = header.map((title, column) => Math.max(title.length, 3, ...text.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => (alignment[column] === "right" ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join(" | ")} |`;
  const rule = `|${widths.map((width, column) => (alignment[column] === "right" ? `${"-".repeat(width + 1)}:` : "-".repeat(width + 2))).join("|")}|`;
  return [line(header), rule, ...text.map(line)].join("\n");
}

/** Fixed decimals with thousands separators; "–" for a figure that could not be measured. */
export function formatNumber(value: number, decimals = 0): string {
  if (!Number.isFinite(value)) return "–";
  return value.toLocaleString("en-GB", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** Writes a report under bench-results/ (git-ignored) and returns its path. */
export function writeBenchResult(fileName: string, markdown: string): string {
  const file = path.join(process.cwd(), "bench-results", fileName);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, markdown.endsWith("\n") ? markdown : `${markdown}\n`);
  return file;
}
