import type { Database } from "@/db/client";
import { explainedPlansOf } from "../support/auto-explain";

export type PlanSummary = {
  /** The statement's first words, to tell the dashboard's queries apart. */
  query: string;
  executionMs: number;
  /** The root node's buffers (every node's below it included): shared hit and read pages. */
  buffers: string;
  rows: number;
  /** Plan node names, root first, with the index or table each scan read. */
  nodes: string[];
};

/**
 * Runs `work` on one connection with auto_explain sending every statement's EXPLAIN (ANALYZE,
 * BUFFERS) back as a notice, and summarises each: what a statement read and how, at a glance.
 */
export async function analysedPlansOf(url: string, work: (db: Database) => Promise<unknown>): Promise<PlanSummary[]> {
  return (await explainedPlansOf(url, work, ["log_analyze", "log_buffers", "log_timing"])).map(summarisePlan);
}

function summarisePlan(plan: string): PlanSummary {
  const lines = plan.split("\n");
  const textAt = lines.findIndex((line) => line.startsWith("Query Text:"));
  const duration = /duration: ([\d.]+) ms/.exec(plan)?.[1];
  // The statement runs from "Query Text:" to the root node, the first line with "(cost=".
  const rootAt = lines.findIndex((line, index) => index > textAt && /\(cost=/.test(line));
  const query = lines
    .slice(textAt, rootAt)
    .join(" ")
    .replace(/^Query Text:\s*/, "")
    .replace(/\s+/g, " ")
    .trim();
  const planLines = lines.slice(rootAt);
  const nodes = planLines
    .filter((line) => /\(cost=/.test(line))
    .map((line) =>
      line
        .replace(/^\s*(->\s+)?/, "")
        .replace(/\s+\(cost=.*$/, "")
        .trim(),
    );
  const buffers = planLines.find((line) => /^\s*Buffers:/.test(line))?.replace(/^\s*Buffers:\s*/, "") ?? "none";
  const rows = Number(/actual time=[\d.]+\.\.[\d.]+ rows=(\d+)/.exec(planLines[0] ?? "")?.[1] ?? Number.NaN);
  return { query: query.slice(0, 90), executionMs: Number(duration ?? Number.NaN), buffers, rows, nodes };
}
