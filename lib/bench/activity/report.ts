import { markdownTable } from "../support/markdown";
import type { TableFacts } from "./load";
import type { Plans, Subject, Timings } from "./measure";

/** Nearest-rank percentile: a value that was actually observed. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const p50 = (values: number[]) => percentile(values, 50);
const ms = (value: number) => value.toFixed(3);
const ratio = (value: number) => `${value.toFixed(2)}×`;

/** A plan under its own heading, as a fenced block so its indentation survives. */
const planSection = (title: string, plan: string) => [`### ${title}`, "", "```", plan, "```", ""];

const measures: Array<{ key: keyof Timings; label: string }> = [
  { key: "baseline", label: "`select 1` round trip (baseline)" },
  { key: "firstPage", label: "hot target (1,000 rows), first page" },
  { key: "fifthPage", label: "hot target (1,000 rows), fifth page" },
  { key: "ordinaryFirstPage", label: "ordinary target (~50 rows), first page, a different one each run" },
];

export type LoadFacts = TableFacts & { label: string; targets: number; loadSeconds: number; vacuumSeconds: number };

export type ReportInput = {
  small: Subject;
  large: Subject;
  loads: LoadFacts[];
  rounds: { warmup: number; timed: number };
  plans: { large: Plans; small: Plans };
  environment: string[];
  notes: string[];
};

export function renderReport(input: ReportInput): string {
  const { small, large } = input;
  const latencyRows = measures.map(({ key, label }) => {
    const s = small.timings[key];
    const l = large.timings[key];
    const sBase = p50(small.timings.baseline);
    const lBase = p50(large.timings.baseline);
    return [
      label,
      ...[50, 95, 99].map((p) => ms(percentile(s, p))),
      ...[50, 95, 99].map((p) => ms(percentile(l, p))),
      ratio(p50(l) / p50(s)),
      key === "baseline" ? "1" : ratio(p50(s) / sBase),
      key === "baseline" ? "1" : ratio(p50(l) / lBase),
    ];
  });
  const verdict = (key: "firstPage" | "fifthPage") => {
    const value = p50(large.timings[key]) / p50(small.timings[key]);
    return `${ratio(value)} (${value <= 1.5 ? "within" : "outside"} the 1.5× target)`;
  };
  return [
    "# Activity history read benchmark (`npm run bench:activity`)",
    "",
    ...input.environment.map((line) => `- ${line}`),
    "",
    "## Data",
    "",
    markdownTable(
      ["database", "rows", "targets", "hot target rows", "load", "vacuum analyze", "table size", "indexes size"],
      input.loads.map((load) => [
        load.label,
        load.rows.toLocaleString("en-GB"),
        `${load.targets.toLocaleString("en-GB")} + 1 hot`,
        load.hotRows.toLocaleString("en-GB"),
        `${load.loadSeconds.toFixed(1)} s`,
        `${load.vacuumSeconds.toFixed(1)} s`,
        load.tableSize,
        load.indexesSize,
      ]),
    ),
    "",
    `## Latency of \`listActivities\` (ms, ${input.rounds.timed} timed runs after ${input.rounds.warmup} warm-up runs, databases alternating)`,
    "",
    markdownTable(
      [
        "measure",
        `${small.label} p50`,
        "p95",
        "p99",
        `${large.label} p50`,
        "p95",
        "p99",
        "p50 large ÷ small",
        "small p50 ÷ baseline",
        "large p50 ÷ baseline",
      ],
      latencyRows,
    ),
    "",
    `Target: p50 at 5M within 1.5× of p50 at 50k. First page: ${verdict("firstPage")}; fifth page: ${verdict("fifthPage")}.`,
    "",
    ...input.notes.map((note) => `- ${note}`),
    "",
    "## Plans (EXPLAIN (ANALYZE, BUFFERS) of the SQL listActivities sends, hot target)",
    "",
    ...planSection(`${large.label}, first page`, input.plans.large.firstPage),
    ...planSection(`${large.label}, fifth page`, input.plans.large.fifthPage),
    ...planSection(`${small.label}, first page`, input.plans.small.firstPage),
  ].join("\n");
}
