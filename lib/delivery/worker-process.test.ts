import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetSettings } from "@/lib/config/settings";
import { notifyTemplateIds } from "@/lib/notify-simulator";
import {
  connectionStringFor,
  countByReference,
  createEmailDeliveries,
  deliveriesById,
  setUpDeliveryTest,
  waitFor,
} from "./test-support";

// A separate worker process is PostgreSQL-only (PGlite is one process's database).
const onPostgres = process.env.TEST_DATABASE_DRIVER === "postgres";
const context = setUpDeliveryTest({ workers: false });

// Notify's answers reach the worker 150 ms after Notify has stored the message, as over a real
// network: a worker killed in that gap leaves messages that Notify holds and our database does not.
let proxy: Server | undefined;
let proxyUrl = "";
beforeAll(async () => {
  if (!onPostgres) return;
  proxy = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const headers = Object.entries(incoming.headers).flatMap(([name, value]) =>
        typeof value === "string" && name !== "host" ? [[name, value] as [string, string]] : [],
      );
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      void fetch(`${context.simulator.url}${incoming.url}`, { method: incoming.method, headers, body }).then(
        async (response) => {
          const text = await response.text();
          setTimeout(() => {
            outgoing.writeHead(response.status, {
              "content-type": response.headers.get("content-type") ?? "application/json",
            });
            outgoing.end(text);
          }, 150);
        },
        () => outgoing.destroy(),
      );
    });
  });
  await new Promise<void>((resolve) => proxy!.listen(0, "127.0.0.1", () => resolve()));
  const address = proxy.address();
  proxyUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});
afterAll(async () => {
  proxy?.closeAllConnections();
  await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)));
});

function startWorker(): ChildProcess {
  const root = path.resolve(import.meta.dirname, "../..");
  // One process (tsx as a loader, not its CLI, which would run the worker in a child SIGKILL misses).
  return spawn(process.execPath, ["--import", "tsx", "lib/cli/worker.ts"], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      DATABASE_URL: connectionStringFor(context.handle),
      NOTIFY_API_KEY: context.simulator.apiKey,
      // The real Notify path needs the council's preference templates; the simulator's serve here.
      NOTIFY_PREFERENCE_TEMPLATE_EMAIL: notifyTemplateIds.email.visitDue,
      NOTIFY_PREFERENCE_TEMPLATE_SMS: notifyTemplateIds.sms.visitDue,
      NOTIFY_FREE_TEXT_SMS_TEMPLATE_ID: notifyTemplateIds.freeTextSms,
      NOTIFY_DIGEST_TEMPLATE_EMAIL: notifyTemplateIds.digestEmail,
      NOTIFY_SUBSCRIPTION_TEMPLATE_EMAIL: notifyTemplateIds.subscriptionEmail,
      NOTIFY_BASE_URL: proxyUrl,
      DELIVERY_WORKER_CONCURRENCY: "40",
      NOTIFY_SERVICES: "housing",
      NOTIFY_RATE_LIMIT_PER_MINUTE: "60000",
      NOTIFY_CALLBACK_TOKEN: context.callbackToken,
      DELIVERY_SUPERVISE_INTERVAL_SECONDS: "2",
      DELIVERY_POLL_INTERVAL_SECONDS: "0.5",
      SEED_DEMO_DATA: "false",
      LOG_LEVEL: "silent",
    },
  });
}

describe("npm run worker", () => {
  it("refuses to start with a message naming a bad variable", async () => {
    const worker = spawn(process.execPath, ["--import", "tsx", "lib/cli/worker.ts"], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, DELIVERY_WORKER_CONCURRENCY: "0" },
    });
    let stderr = "";
    worker.stderr!.on("data", (chunk: Buffer) => (stderr += String(chunk)));
    const status = await new Promise((resolve) => worker.once("exit", resolve));
    expect(status).toBe(1);
    expect(stderr).toContain(
      "Delivery worker cannot start: Invalid configuration:\n" +
        "  DELIVERY_WORKER_CONCURRENCY: must be a whole number of at least 1, not '0'",
    );
  });
});

describe.runIf(onPostgres)("a worker process killed mid-send", () => {
  it("is restarted and every one of 1,000 messages reaches Notify exactly once", async () => {
    context.simulator.setRateLimit({ requests: 100_000, perSeconds: 60 });
    // No callbacks: they would also tell us about the orphaned messages (by reference), and this
    // test is about the worker's own look-up before a retry.
    context.simulator.setCallback(null);
    process.env.DELIVERY_JOB_TIMEOUT_SECONDS = "5";
    resetSettings();
    const created = await createEmailDeliveries(context.handle.db, 1000);
    const ids = created.map((delivery) => delivery.id);
    const ours = () =>
      [...countByReference(context.simulator).keys()].filter((reference) => ids.includes(reference)).length;

    const first = startWorker();
    await waitFor(
      async () => ours(),
      (sent) => sent >= 250,
      { timeoutMs: 40_000, intervalMs: 20 },
    );
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    const sentAtKill = ours();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // Nothing sends while no worker runs: the kill really stopped it, mid-way.
    expect(ours()).toBe(sentAtKill);
    expect(sentAtKill).toBeLessThan(1000);

    const second = startWorker();
    try {
      await waitFor(
        () => deliveriesById(context.handle.db, ids),
        (rows) => rows.every((row) => row.notifyId !== null),
        { timeoutMs: 45_000, intervalMs: 500 },
      );
    } finally {
      second.kill("SIGTERM");
      await new Promise((resolve) => second.once("exit", resolve));
    }
    const counts = countByReference(context.simulator);
    const notOnce = ids.filter((id) => counts.get(id) !== 1);
    expect(notOnce).toEqual([]);
  }, 120_000);
});
