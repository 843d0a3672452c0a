"use client";

import { useSyncExternalStore, type ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type ChartSeries = { key: string; label: string; colour: string };
export type ChartRow = { label: string } & Record<string, number | string>;

type Props = {
  /** The chart's accessible name (its SVG <title>), and the heading of its table. */
  title: string;
  /** What the chart shows, for screen readers (its SVG <desc>). */
  description: string;
  rows: readonly ChartRow[];
  series: readonly ChartSeries[];
  /** The same numbers as a table, rendered on the server. */
  table: ReactNode;
};

const subscribeNever = () => () => undefined;

/**
 * A stacked bar chart drawn in the browser, over a table of the same numbers drawn on the server.
 * Without JavaScript (and on the server's first render) only the table is there; once the page
 * runs, the chart appears and the table moves into a "Show as table" disclosure. Recharts' keyboard
 * layer lets the bars be stepped through with the arrow keys, each step showing its figures.
 * The chart is drawn only in the browser also because its sizes are inline styles: set from script
 * they are allowed by the page's Content-Security-Policy, written into the HTML they would not be.
 */
export function StackedBarChart({ title, description, rows, series, table }: Props) {
  const inBrowser = useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
  if (!inBrowser) return <>{table}</>;
  return (
    <>
      <div className="h-72 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={[...rows]} title={title} desc={description} accessibilityLayer>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fill: "#0b0c0c", fontSize: 14 }} />
            <YAxis allowDecimals={false} tick={{ fill: "#0b0c0c", fontSize: 14 }} width={48} />
            <Tooltip cursor={{ fill: "#f3f2f1" }} />
            <Legend />
            {series.map((item) => (
              <Bar key={item.key} dataKey={item.key} name={item.label} stackId="day" fill={item.colour} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details className="mt-4">
        <summary className="cursor-pointer text-lg text-brand underline">
          Show as table<span className="sr-only">: {title}</span>
        </summary>
        <div className="mt-4">{table}</div>
      </details>
    </>
  );
}
