// npm run bench:dispatch – does the dispatcher use Notify's rate limit without ever causing a 429?
// A simulator limited to 600 requests per 10 s; first the raw accept rate with no dispatcher (as
// fast as 20 concurrent senders can go), then 3,000 emails through the queue and workers.
import { randomUUID } from "node:crypto";
import { inArray, sql } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { deliveries, notifications } from "@/db/schema";
import { enqueueDeliverySends, setDeliveryQueueTarget, stopDeliveryQueue } from "@/lib/delivery/queue";
import { startDeliveryWorkers } from "@/lib/delivery/workers";
import { createNotifyClient, NotifyError } from "@/lib/notify/client";
import { setNotifyServices } from "@/lib/notify/service-registry";
import { notifyTemplateIds, startNotifySimulator } from "@/lib/notify-simulator";
import { formatNumber, markdownTable } from "./support/markdown";
import { publishReport, runBench } from "./support/run-bench";

const limit = { requests: 600, perSeconds: 10 };
const limitPerSecond = limit.requests / limit.perSeconds;
const messages = 3000;
const templateId = notifyTemplateIds.email.visitDue!;
const personalisation = {
  recipient_name: "Sam Patel",
  title: "Flat 4",
  summary: "Gas check due.",
  urgent: "no",
  action_url: "https://example.gov.uk/a/1",
};

async function main() {
  process.env.LOG_LEVEL ??= "silent";
  const simulator = await startNotifySimulator({
    port: 0,
    serviceId: randomUUID(),
    apiKeySecret: randomUUID(),
    rateLimit: limit,
    onError: () => {},
  });

  // Baseline: no dispatcher, 20 senders for 10 seconds.
  const client = createNotifyClient({ apiKey: simulator.apiKey, baseUrl: simulator.url });
  let accepted = 0;
  let refused = 0;
  const baselineStart = Date.now();
  const baselineEnd = baselineStart + 10_000;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (Date.now() < baselineEnd) {
        try {
          await client.sendEmail(templateId, "resident@example.com", { personalisation });
          accepted += 1;
        } catch (error) {
          if (error instanceof NotifyError && error.status === 429) refused += 1;
          else throw error;
        }
      }
    }),
  );
  const baselineSeconds = (Date.now() - baselineStart) / 1000;

  simulator.setRateLimit(limit); // a full bucket again
  const handle = await openDatabase({ driver: "pglite" });
  await migrateDatabase(handle);
  setNotifyServices([{ key: "housing", apiKey: simulator.apiKey, baseUrl: simulator.url }], {
    kind: "simulator",
    simulator,
  });
  await setDeliveryQueueTarget({ handle });
  await startDeliveryWorkers({ rateLimitFor: () => limit, pollingIntervalSeconds: 0.5 });

  const ids = await handle.db.transaction(async (tx) => {
    const created = await tx
      .insert(notifications)
      .values(
        Array.from({ length: messages }, () => ({
          notificationType: "Email" as const,
          serviceKey: "housing",
          templateId,
          email: "resident@example.com",
          personalisation,
        })),
      )
      .returning({ id: notifications.id });
    const stored = await tx
      .insert(deliveries)
      .values(
        created.map(({ id }) => ({ notificationId: id, channel: "email" as const, serviceKey: "housing", templateId })),
      )
      .returning({ id: deliveries.id });
    await enqueueDeliverySends(tx, stored);
    return stored.map((row) => row.id);
  });
  const started = Date.now();
  for (;;) {
    const [row] = await handle.db
      .select({ sent: sql<number>`count(notify_id)::int` })
      .from(deliveries)
      .where(inArray(deliveries.id, ids));
    if ((row?.sent ?? 0) >= messages) break;
    if (Date.now() - started > 180_000) throw new Error(`only ${row?.sent} of ${messages} sent in 3 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const seconds = (Date.now() - started) / 1000;
  const [retried] = await handle.db
    .select({ rateLimited: sql<number>`count(*) filter (where error ilike '%rate limit%' or attempts > 1)::int` })
    .from(deliveries);
  await stopDeliveryQueue({ timeoutMs: 2000 });
  await handle.close();
  await simulator.close();

  const rate = messages / seconds;
  const table = markdownTable(
    ["run", "messages accepted", "seconds", "accepted / s", "rate ÷ limit", "429s received"],
    [
      [
        "baseline: 20 senders, no dispatcher",
        accepted,
        formatNumber(baselineSeconds, 1),
        formatNumber(accepted / baselineSeconds, 1),
        formatNumber(accepted / baselineSeconds / limitPerSecond, 2),
        refused,
      ],
      [
        "queue + dispatcher",
        messages,
        formatNumber(seconds, 1),
        formatNumber(rate, 1),
        formatNumber(rate / limitPerSecond, 2),
        retried?.rateLimited ?? 0,
      ],
    ],
  );
  const markdown = `# bench:dispatch\n\nSimulator limit ${limit.requests} per ${limit.perSeconds} s (${limitPerSecond}/s); target rate ÷ limit ≥ 0.9 with 0 429s.\n\n${table}\n`;
  publishReport("dispatch", markdown);
}

runBench("dispatch", main);
