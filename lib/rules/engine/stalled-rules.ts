import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { rules } from "@/db/schema";
import type { Clock } from "../time/clock";
import { stalledRuleSchema, type StalledRule } from "../definitions";
import { dueCutoff } from "./due-cutoff";

export type ActiveStalledRule = { id: string; name: string; definition: StalledRule; cutoff: Date };

/**
 * The enabled stalled rules, each with the last-activity time at or before which a record of its
 * type is stalled now. A definition that no longer parses (stored before a schema change) is
 * passed over rather than stopping the others.
 */
export async function activeStalledRules(db: Database, clock: Clock): Promise<ActiveStalledRule[]> {
  const rows = await db
    .select({ id: rules.id, name: rules.name, definition: rules.definition })
    .from(rules)
    .where(and(eq(rules.kind, "stalled"), eq(rules.enabled, true)));
  const now = clock.now();
  return rows.flatMap((row) => {
    const parsed = stalledRuleSchema.safeParse(row.definition);
    if (!parsed.success) return [];
    const definition = parsed.data;
    return [{ id: row.id, name: row.name, definition, cutoff: dueCutoff(now, definition.after, definition.timeMode) }];
  });
}
