import { and, asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { rules } from "@/db/schema";
import type { ClientCaller } from "@/lib/auth/caller";
import { escalationRuleSchema } from "@/lib/rules/definitions";
import { systemClock, type Clock } from "@/lib/rules/time/clock";
import { logger } from "@/lib/logging/logger";
import { cutoffsAt, dueItems, type ActiveRule } from "./escalation-due";
import { escalateItem, remindItem, type StepContext } from "./escalation-steps";
import { rulesCaller } from "./rules-caller";

export type SweepEscalationsOptions = {
  clock?: Clock;
  /** Most steps one sweep takes (each is its own transaction); the rest wait for the next minute. */
  limit?: number;
  onStepClaimed?: StepContext["onStepClaimed"];
};

export type SweepEscalationsResult = { reminded: number; escalated: number; failed: number };

// About a second or two of steps on a small server (bench:rules:sweep): one sweep stays short, and
// drainEscalations runs sweeps back to back while there is more.
export const defaultSweepLimit = 50;

async function activeEscalationRules(db: Database): Promise<ActiveRule[]> {
  const rows = await db
    .select({ id: rules.id, definition: rules.definition })
    .from(rules)
    .where(and(eq(rules.kind, "escalation"), eq(rules.enabled, true)))
    .orderBy(asc(rules.createdAt), asc(rules.id));
  return rows.flatMap((row) => {
    // Stored definitions were validated on write; one that no longer parses is skipped, not fatal.
    const parsed = escalationRuleSchema.safeParse(row.definition);
    return parsed.success ? [{ id: row.id, rule: parsed.data }] : [];
  });
}

/**
 * One run of the escalation rules (the ruleSweeps schedule, every minute), oldest items first:
 * escalations first, then reminders, each found for every enabled rule in one query: an item already past its escalation time goes straight to the
 * managers, as reminding its audience first would only delay it. Each step is its own transaction
 * holding its claim (claimRuleStep), its notification and its audit, so two workers, or a worker
 * killed mid-run, take each step exactly once; a step that fails is logged and retried next run.
 */
export async function sweepEscalations(
  db: Database,
  { clock = systemClock, limit = defaultSweepLimit, onStepClaimed }: SweepEscalationsOptions = {},
): Promise<SweepEscalationsResult> {
  const result: SweepEscalationsResult = { reminded: 0, escalated: 0, failed: 0 };
  const active = await activeEscalationRules(db);
  if (active.length === 0) return result;
  const now = clock.now();
  const cutoffs = cutoffsAt(now);
  // Looked up only once something is due, so a sweep with nothing to do stays a few index probes.
  let caller: ClientCaller | undefined;
  // An item whose escalation failed this run is not reminded instead: it waits for the retry.
  const failedItems = new Set<string>();
  const contexts = new Map<string, StepContext>();
  for (const step of ["escalation", "reminder"] as const) {
    const due = await dueItems(db, active, step, cutoffs, limit - result.reminded - result.escalated - result.failed);
    for (const { rule, id } of due) {
      if (failedItems.has(id)) continue;
      caller ??= await rulesCaller(db);
      const context = contexts.get(rule.id) ?? { ruleId: rule.id, rule: rule.rule, caller, now, onStepClaimed };
      contexts.set(rule.id, context);
      try {
        const taken = await db.transaction((tx) =>
          step === "reminder" ? remindItem(tx, context, id) : escalateItem(tx, context, id),
        );
        if (taken && step === "reminder") result.reminded += 1;
        if (taken && step === "escalation") result.escalated += 1;
      } catch (error) {
        result.failed += 1;
        failedItems.add(id);
        logger.warn({ err: error, ruleId: rule.id, notificationId: id, step }, "escalation step failed");
      }
    }
  }
  return result;
}

export type DrainEscalationsOptions = Omit<SweepEscalationsOptions, "onStepClaimed"> & {
  /** Stop starting sweeps after this long, so a minute's run ends before the next one starts. */
  withinMilliseconds?: number;
};

/**
 * The scheduled run: bounded sweeps, one after another, while the last one found a full batch and
 * time remains, so a backlog (a rule just enabled over thousands of old items) clears in minutes
 * rather than one batch a minute.
 */
export async function drainEscalations(
  db: Database,
  { withinMilliseconds = 40_000, limit = defaultSweepLimit, ...options }: DrainEscalationsOptions = {},
): Promise<SweepEscalationsResult> {
  const total: SweepEscalationsResult = { reminded: 0, escalated: 0, failed: 0 };
  const started = Date.now();
  for (;;) {
    const result = await sweepEscalations(db, { ...options, limit });
    total.reminded += result.reminded;
    total.escalated += result.escalated;
    total.failed += result.failed;
    const taken = result.reminded + result.escalated + result.failed;
    if (taken < limit || Date.now() - started >= withinMilliseconds) return total;
  }
}
