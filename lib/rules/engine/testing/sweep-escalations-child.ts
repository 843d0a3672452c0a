// A process that runs one escalation sweep slowly, for escalations-killed.test.ts to SIGKILL mid-sweep.
// It takes its steps in batches of SWEEP_BATCH_SIZE (default 5) and prints "claimed <step> <id>" for
// each step a batch claimed (inside the batch's transaction), waiting STEP_DELAY_MS after each, so a
// kill lands inside a batch after earlier batches have committed.
import { openDatabase } from "@/db/client";
import { createTestClock } from "@/lib/rules/time/clock";
import { sweepEscalations } from "../escalations";

async function main() {
  const url = process.env.DATABASE_URL;
  const now = process.env.SWEEP_NOW;
  if (!url || !now) throw new Error("DATABASE_URL and SWEEP_NOW are required");
  const delay = Number(process.env.STEP_DELAY_MS ?? 100);
  const batchSize = Number(process.env.SWEEP_BATCH_SIZE ?? 5);
  const handle = await openDatabase({ driver: "postgres", url, maxConnections: 2 });
  const result = await sweepEscalations(handle.db, {
    clock: createTestClock(now),
    limit: 10_000,
    batchSize,
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
