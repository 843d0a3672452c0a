import { CsvError, parse } from "csv-parse/sync";
import { ApiError } from "@/lib/api/errors";
import { fieldValidationError } from "@/lib/api/problem";
import { isStorableText, unstorableTextMessage } from "@/lib/api/storable-input";
import { maxBatchRows } from "./schemas";

export type CsvRow = { line: number; cells: string[] };
export type ParsedCsv = { header: string[]; rows: CsvRow[] };

/**
 * Parses an uploaded CSV (RFC 4180: quoted fields may hold commas and line breaks; a UTF-8 BOM
 * is ignored; blank lines are skipped). Each row keeps the file line it starts on, for errors.
 * The directory's people import (lib/directory/import) reads its files with it too, with its own row limit.
 */
export function parseBatchCsv(text: string, { maxRows = maxBatchRows }: { maxRows?: number } = {}): ParsedCsv {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info: true` each record comes as { record, info }, which csv-parse's types do not model.
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_quotes: false,
      trim: true,
      max_record_size: 100_000,
    }) as unknown as typeof records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines;
    throw new ApiError("bad_request", "The file is not valid CSV", {
      errors: [{ path: line ? `line ${line}` : "file", message: error.message.replace(/^Invalid [^:]*: /, "") }],
      cause: error,
    });
  }
  const [header, ...body] = records;
  if (!header)
    throw new ApiError("bad_request", "The file is empty", {
      errors: [{ path: "file", message: "Add a header row and one row per recipient" }],
    });
  if (body.length === 0)
    throw new ApiError("bad_request", "The file has no rows", {
      errors: [{ path: "line 2", message: "Add one row per recipient below the header" }],
    });
  if (body.length > maxRows) {
    throw new ApiError("bad_request", `The file has ${body.length} rows; send at most ${maxRows} in one batch`, {
      errors: [{ path: "file", message: `At most ${maxRows} rows per batch; split the file` }],
    });
  }
  const startLine = ({ record, info }: (typeof records)[number]) =>
    info.lines - record.reduce((count, cell) => count + (cell.match(/\n/g)?.length ?? 0), 0);
  const rows = body.map((entry) => ({ line: startLine(entry), cells: entry.record }));
  refuseUnstorableCells(header.record, rows);
  return { header: header.record, rows };
}

/** NUL (or an unpaired surrogate) in any cell, the header's included, is a 400 naming its line and column. */
function refuseUnstorableCells(header: string[], rows: CsvRow[]): void {
  const errors = [{ line: 1, cells: header }, ...rows].flatMap(({ line, cells }) =>
    cells.flatMap((cell, index) =>
      isStorableText(cell)
        ? []
        : [
            {
              path: `line ${line}: ${isStorableText(header[index] ?? "") ? header[index] : `column ${index + 1}`}`,
              message: unstorableTextMessage,
            },
          ],
    ),
  );
  if (errors.length > 0) throw fieldValidationError(errors.slice(0, 100));
}
