import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subscriptionMessages } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { resetSettings } from "@/lib/config/settings";
import { getDeliveryQueue, setDeliveryQueueTarget, stopDeliveryQueue } from "@/lib/delivery/queue";
import { connectionStringFor, waitFor } from "@/lib/delivery/test-support";
import { publishMessages, startReceiver, subscribeWebhook, type Receiver } from "./deliver-test-support";
import { sweepPendingSubscriptionMessages } from "./sweep-pending";

// A worker process (npm run worker) SIGKILLed while receivers hold its POSTs: the messages it had
// claimed are leased to it for the receiver's 15 s and 45 s more; once that runs out the sweep
// queues them again and another worker delivers them, with the same webhook-id. PostgreSQL only
// (PGlite is one process's database).

const onPostgres = process.env.TEST_DATABASE_DRIVER === "postgres";
const database = setUpTestDatabase();
let receiver: Receiver | undefined;

beforeAll(async () => {
  if (!onPostgres) return;
  process.env.WEBHOOKS_ALLOW_PRIVATE = "true";
  resetSettings();
  await setDeliveryQueueTarget({ handle: database.handle, connectionString: connectionStringFor(database.handle) });
  await getDeliveryQueue();
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await stopDeliveryQueue({ timeoutMs: 3000 });
  await setDeliveryQueueTarget(undefined);
  delete process.env.WEBHOOKS_ALLOW_PRIVATE;
  resetSettings();
});

function startWorker(): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "lib/cli/worker.ts"], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      DATABASE_URL: connectionStringFor(database.handle),
      WEBHOOKS_ALLOW_PRIVATE: "true",
      DELIVERY_SUPERVISE_INTERVAL_SECONDS: "2",
      DELIVERY_POLL_INTERVAL_SECONDS: "0.5",
      SEED_DEMO_DATA: "false",
      LOG_LEVEL: "silent",
    },
  });
}

async function stop(worker: ChildProcess, signal: NodeJS.Signals) {
  if (worker.exitCode !== null) return;
  const exited = new Promise((resolve) => worker.once("exit", resolve));
  worker.kill(signal);
  await exited;
}

describe.runIf(onPostgres)("a subscription worker killed mid-delivery", () => {
  it(
    "loses nothing: every message arrives, a redelivered one with the same webhook-id",
    { timeout: 150_000 },
    async () => {
      const target = receiver!;
      const { id, secret } = await subscribeWebhook(database.handle.db, target.url);
      target.secrets = [secret];
      let firstWorkerAlive = true;
      // While the first worker lives, answers take 5 s: it is killed holding them.
      target.answer = () => ({ status: 200, delayMs: firstWorkerAlive ? 5000 : 0 });
      const ids = await publishMessages(database.handle.db, id, 40);

      const first = startWorker();
      await waitFor(
        async () => target.received.length,
        (count) => count >= 5,
        { timeoutMs: 40_000, intervalMs: 20 },
      );
      await stop(first, "SIGKILL");
      firstWorkerAlive = false;
      const heldAtKill = new Set(target.received.map((request) => request.id));

      const second = startWorker();
      try {
        // The killed worker's leases run out after 60 s; the sweep (every minute in the worker, here
        // sooner) then queues those messages again.
        const sweeper = setInterval(() => {
          void sweepPendingSubscriptionMessages(database.handle.db, { graceMs: 5000 });
        }, 2000);
        try {
          await waitFor(
            () =>
              database.handle.db
                .select({ status: subscriptionMessages.status })
                .from(subscriptionMessages)
                .where(inArray(subscriptionMessages.id, ids)),
            (rows) => rows.every((row) => row.status === "sent"),
            { timeoutMs: 120_000, intervalMs: 500 },
          );
        } finally {
          clearInterval(sweeper);
        }
      } finally {
        await stop(second, "SIGTERM");
      }

      expect(heldAtKill.size).toBeGreaterThanOrEqual(5);
      const received = new Set(target.received.map((request) => request.id));
      expect(received).toEqual(new Set(ids));
      // Each message the killed worker held was sent again, under the same webhook-id.
      for (const held of heldAtKill)
        expect(target.received.filter((request) => request.id === held).length).toBeGreaterThanOrEqual(2);
      expect(target.received.every((request) => request.verifiedWith[0])).toBe(true);
    },
  );
});
