// A process that runs one escalation sweep slowly, for escalations-killed.test.ts to SIGKILL mid-sweep.
// It prints "claimed <step> <id>" once each step is claimed (inside the step's transaction), then
// waits STEP_DELAY_MS before the step's transaction goes on, so a kill lands inside a step.
import { openDatabase } from "@/db/client";
import { createTestClock } from "@/lib/rules/time/clock";
import { sweepEscalations } from "../escalations";

async function main() {
  const url = process.env.DATABASE_URL;
  const now = process.env.SWEEP_NOW;
  if (!url || !now) throw new Error("DATABASE_URL and SWEEP_NOW are required");
  const delay = Number(process.env.STEP_DELAY_MS ?? 100);
  const handle = await openDatabase({ driver: "postgres", url, maxConnections: 2 });
  const result = await sweepEscalations(handle.db, {
    clock: createTestClock(now),
    limit: 10_000,
    onStepClaimed: async (step, notificationId) => {
      process.stdout.write(`claimed ${step} ${notificationId}\n`);
      await new Promise((resolve) => setTimeout(resolve, delay));
    },
  });
  process.stdout.write(`finished ${JSON.stringify(result)}\n`);
  await handle.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`sweep child failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
