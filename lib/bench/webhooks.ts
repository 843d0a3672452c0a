// npm run bench:webhooks – how fast do subscription webhooks go out, and how long from a message's
// commit to its receipt? 10,000 messages at once to 10 receivers on 127.0.0.1 through the queue and
// the delivery workers (claim, SSRF check, sign, POST, record), against a bare loop of Node fetch
// POSTs of the same bodies to the same receivers, with as many in flight as the workers allow; then
// a steady 100 messages a second, for the latency of a queue that is keeping up.
//
// BENCH_DATABASE_URL  a PostgreSQL server to create the bench database on
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { sql } from "drizzle-orm";
import { openDatabase, rowsOf, type Database } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { subscriptionMessages } from "@/db/schema";
import { getSettings } from "@/lib/config/settings";
import { setDeliveryQueueTarget, stopDeliveryQueue } from "@/lib/delivery/queue";
import { subscriber } from "@/lib/subscriptions/deliver-test-support";
import { startSubscriptionDeliveryWorkers } from "@/lib/subscriptions/deliver-workers";
import { createSubscriptionBodySchema } from "@/lib/subscriptions/contract";
import { enqueueSubscriptionMessages } from "@/lib/subscriptions/queue";
import { createSubscription } from "@/lib/subscriptions/save-subscription";
import { formatNumber, markdownTable } from "./support/markdown";
import { benchServerUrl, recreateDatabase } from "./support/postgres-server";
import { elapsedSeconds, progress } from "./support/progress";
import { dropBenchDatabases, publishReport, runBench } from "./support/run-bench";

const messages = 10_000;
const receiverCount = 10;
const publishBatch = 500;
/** The latency run: a steady load well inside what the workers can take, in 20 commits a second. */
const steadyPerSecond = 100;
const steadySeconds = 10;
const ticksPerSecond = 20;
const serverUrl = benchServerUrl();
const databaseName = "bench_webhooks";

type Receiver = { server: Server; url: string };
/** When each webhook-id (or baseline body id) arrived, in performance.now() milliseconds. */
const receivedAt = new Map<string, number>();

async function startReceiver(): Promise<Receiver> {
  const server = createServer((request, response) => {
    const id = request.headers["webhook-id"];
    request.resume();
    request.on("end", () => {
      if (typeof id === "string" && !receivedAt.has(id)) receivedAt.set(id, performance.now());
      response.writeHead(204);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` };
}

function payload(index: number) {
  return {
    type: "notification.created",
    timestamp: new Date().toISOString(),
    data: {
      notificationId: randomUUID(),
      category: "repairs",
      notificationType: "Email",
      targetType: "Property",
      targetId: `P-${index}`,
      message: `Repair ${index} booked for Flat ${index % 40}, Maple House`,
      requireAction: false,
      createdAt: new Date().toISOString(),
    },
  };
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!;
}

async function waitUntil(done: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the deliveries");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Stores `count` messages with their jobs in one transaction, as the publisher does; notes their commit time. */
async function publish(
  db: Database,
  subscriptionIds: string[],
  offset: number,
  count: number,
  committedAt: Map<string, number>,
): Promise<void> {
  const ids = await db.transaction(async (tx) => {
    const rows = await tx
      .insert(subscriptionMessages)
      .values(
        Array.from({ length: count }, (_, index) => ({
          subscriptionId: subscriptionIds[(offset + index) % subscriptionIds.length]!,
          channel: "webhook" as const,
          eventType: "notification.created",
          eventId: randomUUID(),
          payload: payload(offset + index),
        })),
      )
      .returning({ id: subscriptionMessages.id });
    await enqueueSubscriptionMessages(
      tx,
      rows.map((row) => ({ messageId: row.id })),
    );
    return rows.map((row) => row.id);
  });
  const at = performance.now();
  for (const id of ids) committedAt.set(id, at);
}

const latenciesOf = (committedAt: Map<string, number>) => [...committedAt].map(([id, at]) => receivedAt.get(id)! - at);

type Measured = { label: string; seconds: number; perSecond: number; p95Ms: number; medianMs: number };

/** The bare loop: `inFlight` senders POSTing the bodies with fetch, round robin over the receivers. */
async function baseline(receivers: Receiver[], inFlight: number): Promise<Measured> {
  const sentAt = new Map<string, number>();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < messages) {
        const index = next++;
        const id = `baseline-${index}`;
        sentAt.set(id, performance.now());
        const response = await fetch(receivers[index % receivers.length]!.url, {
          method: "POST",
          headers: { "content-type": "application/json", "webhook-id": id },
          body: JSON.stringify(payload(index)),
        });
        await response.arrayBuffer();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const latencies = [...sentAt].map(([id, at]) => receivedAt.get(id)! - at);
  return summarise(`bare fetch loop, ${inFlight} in flight`, seconds, latencies);
}

function summarise(label: string, seconds: number, latencies: number[]): Measured {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    label,
    seconds,
    perSecond: latencies.length / seconds,
    p95Ms: p95(latencies),
    medianMs: sorted[Math.floor(sorted.length / 2)]!,
  };
}

async function main(): Promise<void> {
  process.env.LOG_LEVEL ??= "silent";
  process.env.WEBHOOKS_ALLOW_PRIVATE = "true";
  process.env.WEBHOOK_SECRETS_KEY ??= randomBytes(32).toString("base64");
  const receivers = await Promise.all(Array.from({ length: receiverCount }, () => startReceiver()));
  const { concurrency } = getSettings().delivery;
  // The workers fetch batches of `concurrency` jobs, two batches at a time.
  const inFlight = concurrency * 2;

  progress(`baseline: ${messages.toLocaleString("en-GB")} fetch POSTs`);
  const bare = await baseline(receivers, inFlight);

  const url = await recreateDatabase(serverUrl, databaseName);
  const handle = await openDatabase({ driver: "postgres", url, maxConnections: 10 });
  let version = "";
  let pipeline: Measured | undefined;
  let steady: Measured | undefined;
  try {
    await migrateDatabase(handle);
    version = rowsOf<{ version: string }>(await handle.db.execute(sql`select version()`))[0]!.version;
    await setDeliveryQueueTarget({ handle, connectionString: url });
    await startSubscriptionDeliveryWorkers({ pollingIntervalSeconds: 0.5 });
    const subscriptionIds: string[] = [];
    for (const receiver of receivers) {
      const created = await createSubscription(
        handle.db,
        await subscriber(handle.db),
        createSubscriptionBodySchema.parse({
          eventType: "notification.created",
          contactEmails: ["ops@fibre.example"],
          notificationChannels: { webhook: { url: receiver.url } },
        }),
      );
      subscriptionIds.push(created.id);
    }

    progress(`pipeline: ${messages.toLocaleString("en-GB")} messages in batches of ${publishBatch}`);
    const started = performance.now();
    const committedAt = new Map<string, number>();
    for (let offset = 0; offset < messages; offset += publishBatch)
      await publish(handle.db, subscriptionIds, offset, publishBatch, committedAt);
    await waitUntil(() => [...committedAt.keys()].every((id) => receivedAt.has(id)), 600_000);
    const seconds = (performance.now() - started) / 1000;
    const [unsent] = rowsOf<{ count: number }>(
      await handle.db.execute(sql`select count(*)::int as count from subscription_messages where status <> 'sent'`),
    );
    const [attempts] = rowsOf<{ count: number }>(
      await handle.db.execute(sql`select count(*)::int as count from subscription_attempts`),
    );
    pipeline = summarise(
      `queue and workers, ${messages.toLocaleString("en-GB")} at once (${attempts!.count.toLocaleString("en-GB")} attempts recorded, ${unsent!.count} not yet marked sent)`,
      seconds,
      latenciesOf(committedAt),
    );

    progress(`pipeline at a steady ${steadyPerSecond} messages/s for ${steadySeconds} s`);
    const steadyCommitted = new Map<string, number>();
    const steadyStarted = performance.now();
    const perTick = steadyPerSecond / ticksPerSecond;
    for (let tick = 0; tick < steadySeconds * ticksPerSecond; tick++) {
      const due = steadyStarted + (tick * 1000) / ticksPerSecond;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
      await publish(handle.db, subscriptionIds, messages + tick * perTick, perTick, steadyCommitted);
    }
    await waitUntil(() => [...steadyCommitted.keys()].every((id) => receivedAt.has(id)), 120_000);
    steady = summarise(
      `queue and workers, a steady ${steadyPerSecond} / s`,
      (performance.now() - steadyStarted) / 1000,
      latenciesOf(steadyCommitted),
    );
  } finally {
    await stopDeliveryQueue({ timeoutMs: 5000 });
    await handle.close();
    await dropBenchDatabases(serverUrl, [databaseName]);
    await Promise.all(receivers.map((receiver) => new Promise((resolve) => receiver.server.close(resolve))));
  }

  const table = markdownTable(
    ["run", "seconds", "deliveries / s", "median ms", "p95 ms"],
    [bare, pipeline!, steady!].map((run) => [
      run.label,
      formatNumber(run.seconds, 1),
      formatNumber(run.perSecond),
      formatNumber(run.medianMs, 1),
      formatNumber(run.p95Ms, 1),
    ]),
    ["left", "right", "right", "right", "right"],
  );
  const markdown = [
    "# bench:webhooks",
    "",
    `${messages.toLocaleString("en-GB")} webhook messages to ${receiverCount} receivers on 127.0.0.1 (each answers 204 at once). ` +
      `The pipeline's messages are committed with their jobs in transactions of ${publishBatch}, as the publisher does; ` +
      "its latency is from a message's commit to its receipt, the bare loop's from its fetch call to its receipt. " +
      "The workers take jobs in batches: one statement leases a batch's messages, the POSTs go out side by side, one statement records every attempt. " +
      `All ${messages.toLocaleString("en-GB")} at once measures throughput (its latency is mostly the wait in the queue); ` +
      `the steady run (${steadyPerSecond} messages a second for ${steadySeconds} s, in ${ticksPerSecond} commits a second) measures the latency a message sees when the queue is not backed up.`,
    "",
    table,
    "",
    `Run ${new Date().toISOString()} in ${elapsedSeconds().toFixed(0)} s; Node ${process.version}, ${os.cpus().length} × ` +
      `${os.cpus()[0]?.model.trim() ?? "unknown CPU"}; ${version}.`,
  ].join("\n");
  publishReport("webhooks", markdown);
}

runBench("webhooks", main);
