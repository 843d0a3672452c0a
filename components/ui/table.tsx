import { useId, type ReactNode } from "react";
import { ScrollRegion } from "./scroll-region";

/** One column, declared once: its header and how to show it for a row. */
export type TableColumn<Row> = {
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Right-aligned, with figures of equal width, so amounts and counts line up for comparison. */
  numeric?: boolean;
  /** The cell names its row (`<th scope="row">`): screen readers announce it with each other cell. */
  rowHeader?: boolean;
  /** Extra classes for this column's body cells, such as `font-mono` for identifiers. */
  className?: string;
};

type TableProps<Row> = {
  caption: ReactNode;
  /** Hidden from sight, not from screen readers: for a table whose heading already says what it is. */
  captionHidden?: boolean;
  columns: readonly TableColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => string;
  /** Spacing around the table, as the page needs it. */
  className?: string;
};

const alignment = (column: { numeric?: boolean }) => (column.numeric ? "text-right tabular-nums" : "");

/**
 * A table in the GOV.UK Design System's shape: a caption, a header row of column headers, optional
 * row headers, numbers aligned right, and a wrapper that scrolls sideways on a narrow screen.
 * Callers declare columns; the markup that makes the table accessible is written only here.
 */
export function Table<Row>({ caption, captionHidden = false, columns, rows, rowKey, className = "" }: TableProps<Row>) {
  const captionId = useId();
  return (
    <ScrollRegion labelledBy={captionId} className={className}>
      <table className="w-full border-collapse text-left">
        <caption id={captionId} className={captionHidden ? "sr-only" : "mb-2 text-left text-xl font-bold"}>
          {caption}
        </caption>
        <thead>
          <tr className="border-b-2 border-ink">
            {columns.map((column, index) => (
              <th key={index} scope="col" className={`py-2 pr-4 align-bottom font-bold last:pr-0 ${alignment(column)}`}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, rowIndex) => (
            <tr key={rowKey(row, rowIndex)} className="border-b border-border align-top">
              {columns.map((column, index) => {
                const classes = `py-3 pr-4 last:pr-0 ${alignment(column)} ${column.className ?? ""}`;
                return column.rowHeader ? (
                  <th key={index} scope="row" className={`font-bold ${classes}`}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={index} className={classes}>
                    {column.cell(row)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
