import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Database } from "@/db/client";
import * as schema from "@/db/schema";

/** auto_explain switches a bench may turn on beyond logging every statement's plan. */
export type AutoExplainOption = "log_analyze" | "log_buffers" | "log_timing" | "log_nested_statements";

/**
 * Runs `work` on one connection with auto_explain sending every statement's plan back as a notice,
 * and returns the plans (each with its "Query Text"), for a bench to summarise as it needs.
 */
export async function explainedPlansOf(
  url: string,
  work: (db: Database) => Promise<unknown>,
  options: readonly AutoExplainOption[],
): Promise<string[]> {
  const plans: string[] = [];
  const client = postgres(url, { max: 1, onnotice: (notice) => plans.push(String(notice.message)) });
  try {
    await client`load 'auto_explain'`;
    await client`set auto_explain.log_min_duration = 0`;
    for (const option of options) await client.unsafe(`set auto_explain.${option} = on`);
    await client`set client_min_messages = log`;
    plans.length = 0;
    await work(drizzle({ client, schema, casing: "snake_case" }) as unknown as Database);
  } finally {
    await client.end({ timeout: 5 });
  }
  return plans.filter((plan) => plan.includes("Query Text"));
}
