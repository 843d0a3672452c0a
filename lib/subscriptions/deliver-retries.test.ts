import { asc, eq, inArray } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { deliveries, notifications, subscriptionAttempts, subscriptionMessages, subscriptions } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { resetSettings } from "@/lib/config/settings";
import { setDeliveryQueueTarget, stopDeliveryQueue } from "@/lib/delivery/queue";
import { connectionStringFor, waitFor } from "@/lib/delivery/test-support";
import { createSubscriptionBodySchema } from "./contract";
import { publishMessages, startReceiver, subscribeWebhook, subscriber, type Receiver } from "./deliver-test-support";
import { startSubscriptionDeliveryWorkers } from "./deliver-workers";
import { createSubscription } from "./save-subscription";
import { sweepPendingSubscriptionMessages } from "./sweep-pending";

// The retry schedule through real jobs (shortened to 0.3 s a wait), the five-day failing streak,
// the email channel's hand-over to Notify, and the sweep that finds messages with no job.

const database = setUpTestDatabase();
const db = () => database.handle.db;
const retryDelaysMs = [0, 300, 300, 300, 300, 300, 300, 300];

let receivers: Receiver[] = [];
async function receiver(): Promise<Receiver> {
  const started = await startReceiver();
  receivers.push(started);
  return started;
}

beforeAll(async () => {
  process.env.WEBHOOKS_ALLOW_PRIVATE = "true";
  resetSettings();
  await setDeliveryQueueTarget({ handle: database.handle, connectionString: connectionStringFor(database.handle) });
  await startSubscriptionDeliveryWorkers({ timeoutMs: 1000, retryDelaysMs, pollingIntervalSeconds: 0.5 });
});
afterEach(async () => {
  await Promise.all(receivers.map((started) => started.close()));
  receivers = [];
});
afterAll(async () => {
  await stopDeliveryQueue({ timeoutMs: 3000 });
  await setDeliveryQueueTarget(undefined);
  delete process.env.WEBHOOKS_ALLOW_PRIVATE;
  resetSettings();
});

async function message(id: string) {
  const [row] = await db().select().from(subscriptionMessages).where(eq(subscriptionMessages.id, id));
  return row!;
}
async function subscription(id: string) {
  const [row] = await db().select().from(subscriptions).where(eq(subscriptions.id, id));
  return row!;
}
async function emailsTo(addresses: string[]) {
  return db()
    .select({ email: notifications.email, personalisation: notifications.personalisation, status: deliveries.status })
    .from(deliveries)
    .innerJoin(notifications, eq(notifications.id, deliveries.notificationId))
    .where(inArray(notifications.email, addresses));
}

describe("retries", () => {
  it("makes 8 attempts in all, honouring Retry-After, then marks the message `fail`", async () => {
    const target = await receiver();
    const { id } = await subscribeWebhook(db(), target.url);
    // Asks for 1 s after the first: more than twice the 0.3 s scheduled, so it waits 0.6 s.
    target.answer = (_, index) => ({ status: 503, headers: index === 0 ? { "retry-after": "1" } : undefined });
    const [messageId] = await publishMessages(db(), id, 1);
    await waitFor(
      () => message(messageId!),
      (row) => row.status === "fail",
    );

    const attempts = await db()
      .select()
      .from(subscriptionAttempts)
      .where(eq(subscriptionAttempts.messageId, messageId!))
      .orderBy(asc(subscriptionAttempts.attemptedAt));
    expect(attempts.map((attempt) => attempt.statusCode)).toEqual(Array(8).fill(503));
    expect(target.received.map((request) => request.id)).toEqual(Array(8).fill(messageId));
    expect(await message(messageId!)).toMatchObject({ attemptCount: 8, nextAttemptAt: null, lastStatusCode: 503 });
    expect(attempts[1]!.attemptedAt.getTime() - attempts[0]!.attemptedAt.getTime()).toBeGreaterThanOrEqual(600);
    // The failing streak started at the first failure; five days have not passed, so it stays enabled.
    const row = await subscription(id);
    expect(row.failingSince!.getTime()).toBeGreaterThanOrEqual(attempts[0]!.attemptedAt.getTime());
    expect(row.failingSince!.getTime()).toBeLessThanOrEqual(attempts[1]!.attemptedAt.getTime());
    expect(row.disabledAt).toBeNull();
  });

  it("disables a subscription that has failed for five days and tells its contacts once each", async () => {
    const target = await receiver();
    const contacts = ["streak-a@fibre.example", "streak-b@fibre.example"];
    const { id } = await subscribeWebhook(db(), target.url, { contactEmails: contacts });
    await db()
      .update(subscriptions)
      .set({ failingSince: new Date(Date.now() - 5 * 24 * 3600 * 1000 - 60_000) })
      .where(eq(subscriptions.id, id));
    target.answer = () => ({ status: 500 });
    const [messageId] = await publishMessages(db(), id, 1);
    await waitFor(
      () => subscription(id),
      (row) => row.disabledAt !== null,
    );
    expect((await subscription(id)).disabledReason).toContain("5 days");
    // Its retry finds the subscription disabled and gives up without sending.
    await waitFor(
      () => message(messageId!),
      (row) => row.status === "fail",
    );
    expect(target.received).toHaveLength(1);
    const emails = await emailsTo(contacts);
    expect(emails.map((email) => email.email).sort()).toEqual(contacts);
  });

  it("clears the failing streak on a success", async () => {
    const target = await receiver();
    const { id } = await subscribeWebhook(db(), target.url);
    await db()
      .update(subscriptions)
      .set({ failingSince: new Date(Date.now() - 3600_000) })
      .where(eq(subscriptions.id, id));
    const [messageId] = await publishMessages(db(), id, 1);
    await waitFor(
      () => message(messageId!),
      (row) => row.status === "sent",
    );
    expect((await subscription(id)).failingSince).toBeNull();
  });
});

describe("the email channel", () => {
  it("queues one GOV.UK Notify email per address through the delivery pipeline, once", async () => {
    const addresses = ["inbox-a@fibre.example", "inbox-b@fibre.example"];
    const created = await createSubscription(
      db(),
      await subscriber(db()),
      createSubscriptionBodySchema.parse({
        eventType: "notification.created",
        contactEmails: ["ops@fibre.example"],
        notificationChannels: { email: { addresses } },
      }),
    );
    const [messageId] = await publishMessages(db(), created.id, 1, "email");
    await waitFor(
      () => message(messageId!),
      (row) => row.status === "sent",
    );
    const emails = await emailsTo(addresses);
    expect(emails.map((email) => email.email).sort()).toEqual(addresses);
    expect(emails[0]!.personalisation).toMatchObject({ subject: "Notification Centre: notification.created" });
    expect(String(emails[0]!.personalisation!.body)).toContain(messageId!);
    const [attempt] = await db()
      .select()
      .from(subscriptionAttempts)
      .where(eq(subscriptionAttempts.messageId, messageId!));
    expect(attempt!.responseExcerpt).toMatch(/^Queued GOV.UK Notify deliveries /);
  });
});

describe("sweepPendingSubscriptionMessages", () => {
  it("queues a message stored with no job, and one whose worker died holding it, once", async () => {
    const target = await receiver();
    const { id } = await subscribeWebhook(db(), target.url);
    const [unqueued, abandoned] = await db()
      .insert(subscriptionMessages)
      .values(
        [0, 1].map(() => ({
          subscriptionId: id,
          channel: "webhook" as const,
          eventType: "notification.created",
          eventId: crypto.randomUUID(),
          payload: { type: "notification.created", timestamp: new Date().toISOString(), data: {} },
          // Stored a minute ago by a process with no queue.
          createdAt: new Date(Date.now() - 60_000),
        })),
      )
      .returning({ id: subscriptionMessages.id });
    // A claim's lease that ran out two minutes ago: its worker is gone.
    await db()
      .update(subscriptionMessages)
      .set({ nextAttemptAt: new Date(Date.now() - 120_000) })
      .where(eq(subscriptionMessages.id, abandoned!.id));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(target.received).toHaveLength(0);

    expect(await sweepPendingSubscriptionMessages(db())).toBe(2);
    // A second run while they are queued finds nothing overdue.
    expect(await sweepPendingSubscriptionMessages(db())).toBe(0);
    await waitFor(
      () => Promise.all([message(unqueued!.id), message(abandoned!.id)]),
      (rows) => rows.every((row) => row.status === "sent"),
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(target.received.map((request) => request.id).sort()).toEqual([unqueued!.id, abandoned!.id].sort());
  });
});
