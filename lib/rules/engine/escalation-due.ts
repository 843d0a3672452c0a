import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";
import { uuidArray } from "@/db/sql-arrays";
import type { EscalationRule } from "@/lib/rules/definitions";
import type { TimeMode } from "@/lib/rules/time/duration";
import { dueCutoff } from "./due-cutoff";
import type { EscalationStep } from "./escalation-steps";

export type ActiveRule = { id: string; rule: EscalationRule };
export type DueItem = { rule: ActiveRule; id: string };

type Cutoffs = (duration: string, mode: TimeMode) => Date;

/** Due cutoffs for one sweep's "now": rules mostly share their durations, and each costs a few milliseconds. */
export function cutoffsAt(now: Date): Cutoffs {
  const known = new Map<string, Date>();
  return (duration, mode) => {
    const key = `${duration} ${mode}`;
    if (!known.has(key)) known.set(key, dueCutoff(now, duration, mode));
    return known.get(key)!;
  };
}

/**
 * Which items are due: for a reminder, not yet reminded; `notDueForEscalation` also leaves out
 * items past the rule's escalation time, which a sweep escalates instead (it takes escalations
 * first), so a preview can say what each step will do. The conditions repeat the partial indexes'
 * predicates word for word, so the planner can use them.
 */
export type DueOptions = {
  notDueForEscalation?: boolean;
  /** Items to leave out: a sweep's batches pass over those another worker holds or that failed. */
  excluding?: string[];
};

function dueRules(active: ActiveRule[], step: EscalationStep, cutoffs: Cutoffs) {
  return sql.join(
    active.map(({ rule }, index) => {
      const after = step === "reminder" ? rule.remindAfter : rule.escalateAfter;
      const cutoff = cutoffs(after, rule.timeMode).toISOString();
      const escalation = cutoffs(rule.escalateAfter, rule.timeMode).toISOString();
      return sql`(${index}::int, ${rule.category}::text, ${cutoff}::timestamptz, ${escalation}::timestamptz)`;
    }),
    sql`, `,
  );
}

function dueCondition(step: EscalationStep, { notDueForEscalation = false, excluding = [] }: DueOptions) {
  const notReminded = step === "reminder" ? sql`and n.reminded_at is null` : sql``;
  const notEscalationDue = notDueForEscalation ? sql`and n.created_at > r.escalation_cutoff` : sql``;
  const notExcluded = excluding.length > 0 ? sql`and n.id <> all(${uuidArray(excluding)})` : sql``;
  return sql`n.category = r.category and n.require_action and n.performed_action_type is null
        and n.deleted_at is null ${notReminded} and n.escalated_at is null and n.created_at <= r.cutoff ${notEscalationDue}
        ${notExcluded}`;
}

/**
 * The oldest items due for the step under any of the rules, at most `limit`, in one statement: per
 * rule (a LATERAL subquery) a range read off the partial index that holds only open
 * action-required items without that step (notifications_escalation_due_idx /
 * notifications_reminder_due_idx), so when nothing is due the whole sweep asks twice and reads
 * nothing. The sweep and the dry run (lib/rules/preview-escalation-rule.ts) both ask here.
 */
export async function dueItems(
  db: Database,
  active: ActiveRule[],
  step: EscalationStep,
  cutoffs: Cutoffs,
  limit: number,
  options: DueOptions = {},
): Promise<DueItem[]> {
  if (active.length === 0 || limit <= 0) return [];
  const result = await db.execute(sql`
    select r.rule_index, d.id, d.created_at
    from (values ${dueRules(active, step, cutoffs)}) as r(rule_index, category, cutoff, escalation_cutoff)
    cross join lateral (
      select n.id, n.created_at from notifications n
      where ${dueCondition(step, options)}
      order by n.created_at limit ${limit}
    ) as d
    order by d.created_at, r.rule_index
    limit ${limit}`);
  return rowsOf<{ rule_index: number; id: string }>(result).map((row) => ({
    rule: active[Number(row.rule_index)]!,
    id: row.id,
  }));
}

/** How many items are due for the step under the rules (an item due under two rules counts twice, as it is taken twice). */
export async function countDueItems(
  db: Database,
  active: ActiveRule[],
  step: EscalationStep,
  cutoffs: Cutoffs,
  options: DueOptions = {},
): Promise<number> {
  if (active.length === 0) return 0;
  const result = await db.execute(sql`
    select count(*)::int as count
    from (values ${dueRules(active, step, cutoffs)}) as r(rule_index, category, cutoff, escalation_cutoff)
    join notifications n on ${dueCondition(step, options)}`);
  return Number(rowsOf<{ count: number }>(result)[0]?.count ?? 0);
}
