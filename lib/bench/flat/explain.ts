import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Database } from "@/db/client";
import * as schema from "@/db/schema";

/**
 * Runs `work` on one connection with auto_explain sending every statement's plan back as a notice,
 * and returns, per statement, the indexes it read and whether it sorted or scanned a whole table:
 * the proof that a list pages on an index shaped for it rather than sorting the caller's rows.
 */
export async function plansOf(url: string, work: (db: Database) => Promise<unknown>): Promise<string[]> {
  const plans: string[] = [];
  const client = postgres(url, { max: 1, onnotice: (notice) => plans.push(String(notice.message)) });
  try {
    await client`load 'auto_explain'`;
    await client`set auto_explain.log_min_duration = 0`;
    await client`set auto_explain.log_nested_statements = on`;
    await client`set client_min_messages = log`;
    plans.length = 0;
    await work(drizzle({ client, schema, casing: "snake_case" }) as unknown as Database);
  } finally {
    await client.end({ timeout: 5 });
  }
  return plans.filter((plan) => plan.includes("Query Text")).map(summarisePlan);
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
