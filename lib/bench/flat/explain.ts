import type { Database } from "@/db/client";
import { explainedPlansOf } from "../support/auto-explain";

/**
 * Runs `work` on one connection with auto_explain sending every statement's plan back as a notice,
 * and returns, per statement, the indexes it read and whether it sorted or scanned a whole table:
 * the proof that a list pages on an index shaped for it rather than sorting the caller's rows.
 */
export async function plansOf(url: string, work: (db: Database) => Promise<unknown>): Promise<string[]> {
  return (await explainedPlansOf(url, work, ["log_nested_statements"])).map(summarisePlan);
}

function summarisePlan(plan: string): string {
  const indexes = [...plan.matchAll(/(Index(?: Only)? Scan(?: Backward)?) using (\w+)/g)].map(
    ([, kind, name]) => `${kind!.replace("Index ", "").replace("Scan", "scan").trim()} ${name}`,
  );
  const bitmapScans = [...plan.matchAll(/Bitmap Index Scan on (\w+)/g)].map(([, name]) => `bitmap ${name}`);
  const seqScans = [...plan.matchAll(/Seq Scan on (\w+)/g)].map(([, table]) => `SEQ SCAN ${table}`);
  const sorts = /(^|->\s+)(Incremental )?Sort\s+\(/m.test(plan) ? ["SORT"] : [];
  return [...new Set([...indexes, ...bitmapScans, ...seqScans, ...sorts])].join(", ") || "no table read";
}
