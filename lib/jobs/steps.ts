import type { Database } from "@/db/client";
import { logger } from "@/lib/logging/logger";

/** One named piece of scheduled work. */
export type ScheduledStep = { name: string; run: (db: Database) => Promise<unknown> };

/**
 * Runs the steps in order, each whatever the others do: a failure is logged and the next step
 * still runs, so Notify being down never stops the purges. Returns the names of the steps that failed.
 */
export async function runSteps(db: Database, steps: readonly ScheduledStep[]): Promise<string[]> {
  const failed: string[] = [];
  for (const step of steps) {
    try {
      await step.run(db);
    } catch (error) {
      failed.push(step.name);
      logger.warn({ err: error, step: step.name }, `scheduled work: ${step.name} failed`);
    }
  }
  return failed;
}
