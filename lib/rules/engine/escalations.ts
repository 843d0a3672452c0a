import { and, asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { rules } from "@/db/schema";
import { escalationRuleSchema } from "@/lib/rules/definitions";
import { systemClock, type Clock } from "@/lib/rules/time/clock";
import { logger } from "@/lib/logging/logger";
import { cutoffsAt, dueItems, type ActiveRule, type DueItem } from "./escalation-due";
import { takeSteps, type EscalationStep, type StepRun } from "./escalation-steps";
import { rulesCaller } from "./rules-caller";

export type SweepEscalationsOptions = {
  clock?: Clock;
  /** Most steps one sweep takes; the rest wait for the next sweep. */
  limit?: number;
  /** Most steps one transaction takes. */
  batchSize?: number;
  /** No batch starts after this long; what is left waits for the next sweep. */
  withinMilliseconds?: number;
  onStepClaimed?: StepRun["onStepClaimed"];
};

export type SweepEscalationsResult = { reminded: number; escalated: number; failed: number };

// bench:rules:sweep: 10,000 due steps in one sweep on a small server, in batches of 1,000, each a
// handful of set-based statements; a larger batch would gain little and hold its locks longer.
export const defaultSweepLimit = 10_000;
export const defaultBatchSize = 1_000;
const defaultSweepMilliseconds = 30_000;

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

/** A sweep's figures, and whether it left due items behind (it reached its limit or its time). */
type SweepOutcome = { result: SweepEscalationsResult; more: boolean };

/**
 * One run of the escalation rules (the ruleSweeps schedule, every minute), oldest items first:
 * escalations first, then reminders, each batch of them found for every enabled rule in one query:
 * an item already past its escalation time goes straight to the managers, as reminding its audience
 * first would only delay it. Steps are taken in batches, each one transaction holding its claims
 * (claimRuleSteps), its notifications and its audit, so two workers, or a worker killed mid-run,
 * take each step exactly once. A batch that fails (a recipient over their cap, any error) is
 * retried item by item, each its own transaction, so one bad item holds up nothing else; a step
 * that still fails is logged, counted, and retried next run.
 */
export async function sweepEscalations(
  db: Database,
  options: SweepEscalationsOptions = {},
): Promise<SweepEscalationsResult> {
  return (await sweepOnce(db, options)).result;
}

async function sweepOnce(
  db: Database,
  {
    clock = systemClock,
    limit = defaultSweepLimit,
    batchSize = defaultBatchSize,
    withinMilliseconds = defaultSweepMilliseconds,
    onStepClaimed,
  }: SweepEscalationsOptions,
): Promise<SweepOutcome> {
  const started = Date.now();
  const result: SweepEscalationsResult = { reminded: 0, escalated: 0, failed: 0 };
  const active = await activeEscalationRules(db);
  if (active.length === 0) return { result, more: false };
  const now = clock.now();
  const cutoffs = cutoffsAt(now);
  // Looked up only once something is due, so a sweep with nothing to do stays a few index probes.
  let run: StepRun | undefined;
  // Due but not taken: held by another worker, or failed (an item whose escalation failed is not
  // reminded instead: it waits for the retry). Later batches of this sweep leave them out.
  const passedOver = new Set<string>();
  let found = 0;
  for (const step of ["escalation", "reminder"] as const) {
    // Each batch is asked for on its own, no larger than a batch: a query sized for the whole
    // sweep's limit is costed high enough for PostgreSQL to JIT-compile it, which tripled the cost
    // of a sweep with nothing to do (bench:rules:sweep).
    for (;;) {
      const room = Math.min(batchSize, limit - found);
      if (room <= 0 || Date.now() - started >= withinMilliseconds) return { result, more: true };
      const batch = await dueItems(db, active, step, cutoffs, room, { excluding: [...passedOver] });
      if (batch.length === 0) break;
      found += batch.length;
      run ??= { caller: await rulesCaller(db), now, onStepClaimed };
      const outcome = await takeBatch(db, run, step, batch);
      result[step === "reminder" ? "reminded" : "escalated"] += outcome.taken.size;
      result.failed += outcome.failed.length;
      for (const { id } of batch) if (!outcome.taken.has(id)) passedOver.add(id);
      if (batch.length < room) break;
    }
  }
  return { result, more: false };
}

/** One batch in one transaction, or, should that fail, item by item: the ids taken, and those that failed even alone. */
async function takeBatch(
  db: Database,
  run: StepRun,
  step: EscalationStep,
  batch: DueItem[],
): Promise<{ taken: Set<string>; failed: string[] }> {
  const started = Date.now();
  try {
    const taken = new Set(await takeSteps(db, run, step, batch));
    logger.debug({ step, items: batch.length, taken: taken.size, ms: Date.now() - started }, "escalation batch taken");
    return { taken, failed: [] };
  } catch (error) {
    if (batch.length === 1) return { taken: new Set(), failed: [stepFailed(error, step, batch[0]!)] };
    logger.warn({ err: error, step, items: batch.length }, "escalation batch failed; retrying its items one by one");
  }
  const taken = new Set<string>();
  const failed: string[] = [];
  for (const due of batch) {
    try {
      for (const id of await takeSteps(db, run, step, [due])) taken.add(id);
    } catch (error) {
      failed.push(stepFailed(error, step, due));
    }
  }
  return { taken, failed };
}

function stepFailed(error: unknown, step: EscalationStep, { rule, id }: DueItem): string {
  logger.warn({ err: error, ruleId: rule.id, notificationId: id, step }, "escalation step failed");
  return id;
}

export type DrainEscalationsOptions = Omit<SweepEscalationsOptions, "onStepClaimed">;

/**
 * The scheduled run: sweeps, one after another, while the last one left due items behind and time
 * remains, so a backlog (a rule just enabled over many thousands of old items) clears in minutes
 * rather than one sweep's limit a minute.
 */
export async function drainEscalations(
  db: Database,
  { withinMilliseconds = 40_000, ...options }: DrainEscalationsOptions = {},
): Promise<SweepEscalationsResult> {
  const total: SweepEscalationsResult = { reminded: 0, escalated: 0, failed: 0 };
  const started = Date.now();
  for (;;) {
    const left = withinMilliseconds - (Date.now() - started);
    const { result, more } = await sweepOnce(db, { ...options, withinMilliseconds: left });
    total.reminded += result.reminded;
    total.escalated += result.escalated;
    total.failed += result.failed;
    // No step taken (every due item failing, or held by another worker): the next minute's run retries.
    const progressed = result.reminded + result.escalated > 0;
    if (!more || !progressed || Date.now() - started >= withinMilliseconds) return total;
  }
}
