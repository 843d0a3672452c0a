import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Database } from "@/db/client";
import * as schema from "@/db/schema";

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
  const plans: string[] = [];
  const client = postgres(url, { max: 1, onnotice: (notice) => plans.push(String(notice.message)) });
  try {
    await client`load 'auto_explain'`;
    await client`set auto_explain.log_min_duration = 0`;
    await client`set auto_explain.log_analyze = on`;
    await client`set auto_explain.log_buffers = on`;
    await client`set auto_explain.log_timing = on`;
    await client`set client_min_messages = log`;
    plans.length = 0;
    await work(drizzle({ client, schema, casing: "snake_case" }) as unknown as Database);
  } finally {
    await client.end({ timeout: 5 });
  }
  return plans.filter((plan) => plan.includes("Query Text")).map(summarisePlan);
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
