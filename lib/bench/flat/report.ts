import { formatNumber, markdownTable } from "../support/markdown";
import type { FlatFigures } from "./measure";

export type FlatRun = {
  driver: string;
  smallCount: number;
  largeCount: number;
  figures: FlatFigures;
  /** Per call, the large caller's plan summary (PostgreSQL only). */
  plans?: Map<string, string>;
  note: string;
};

const ms = (value: number) => formatNumber(value, 3);

/** One table per database: p50 small, p50 large, their ratio (target ≤ 1.5×), each against the bare query. */
export function formatFlatRun(run: FlatRun): string {
  const { figures } = run;
  const header = [
    "call",
    `p50 ms, ${formatNumber(run.smallCount)} items`,
    `p50 ms, ${formatNumber(run.largeCount)} items`,
    "large / small",
    "large / bare query",
    ...(run.plans ? ["plan for the large caller (PostgreSQL EXPLAIN)"] : []),
  ];
  const rows = figures.scenarios.map((scenario) => [
    scenario.name,
    ms(scenario.small),
    ms(scenario.large),
    `${formatNumber(scenario.large / scenario.small, 2)}×${scenario.large / scenario.small > 1.5 ? " (over 1.5×)" : ""}`,
    `${formatNumber(scenario.large / figures.baseline, 1)}×`,
    ...(run.plans ? [run.plans.get(scenario.name) ?? ""] : []),
  ]);
  return [
    `### ${run.driver}`,
    "",
    `Bare query (\`select 1\`) p50: ${ms(figures.baseline)} ms. ${run.note}`,
    "",
    markdownTable(
      header,
      rows,
      header.map((_, column) => (column === 0 || column === 5 ? "left" : "right")),
    ),
  ].join("\n");
}
