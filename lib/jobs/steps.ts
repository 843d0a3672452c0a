import type { Database } from "@/db/client";
import { logger } from "@/lib/logging/logger";
import { operationsMetrics } from "@/lib/operations/metrics";

/** One named piece of scheduled work. */
export type ScheduledStep = { name: string; run: (db: Database) => Promise<unknown> };

/**
 * Runs the steps in order, each whatever the others do: a failure is logged and the next step
 * still runs, so Notify being down never stops the purges. Returns the names of the steps that failed.
 */
export async function runSteps(db: Database, steps: readonly ScheduledStep[]): Promise<string[]> {
  const failed: string[] = [];
  const metrics = operationsMetrics();
  for (const step of steps) {
    const finished = metrics.scheduledStepDuration.startTimer({ step: step.name });
    try {
      await step.run(db);
      metrics.scheduledStepRuns.inc({ step: step.name, outcome: "succeeded" });
    } catch (error) {
      failed.push(step.name);
      metrics.scheduledStepRuns.inc({ step: step.name, outcome: "failed" });
      logger.warn({ err: error, step: step.name }, `scheduled work: ${step.name} failed`);
    } finally {
      finished();
    }
  }
  return failed;
}
