import { asc, eq, inArray } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { deliveries, notifications, subscriptionAttempts, subscriptionMessages, subscriptions } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { resetSettings } from "@/lib/config/settings";
import { setDeliveryQueueTarget, stopDeliveryQueue } from "@/lib/delivery/queue";
import { connectionStringFor, waitFor } from "@/lib/delivery/test-support";
import { notifyTemplateIds } from "@/lib/notify-simulator/templates";
import { deliverSubscriptionMessage, deliverSubscriptionMessages, type DeliverOptions } from "./deliver-message";
import {
  publishMessages,
  selfSignedCertificate,
  startReceiver,
  subscribeWebhook,
  type Receiver,
} from "./deliver-test-support";
import { startSubscriptionDeliveryWorkers } from "./deliver-workers";
import { enqueueSubscriptionMessages } from "./queue";
import { deliveryJobId } from "./retry-schedule";
import { rotateSubscriptionSecret } from "./save-subscription";
import type { ResolveHost } from "./webhook-url";

// Delivery end to end: messages stored and queued as the publisher does, taken by this process's
// workers, POSTed to a real receiver on 127.0.0.1 that checks each signature with the Standard
// Webhooks library. Retries come quickly here (1.1 s apart, so each try has its own timestamp).

const database = setUpTestDatabase();
const db = () => database.handle.db;

// A fake DNS: names under .test reach the receiver only through the address the check returned.
const fakeDns = new Map<string, string[]>();
const lookups: string[] = [];
const resolve: ResolveHost = async (hostname) => {
  lookups.push(hostname);
  return (fakeDns.get(hostname) ?? []).map((address) => ({ address, family: 4 }));
};
const quickRetries = [0, 1100, 1100, 1100, 1100, 1100, 1100, 1100];
// A receiver's time is generous here (a loaded CI machine must not turn a slow answer into a retry);
// the timeout test gives its own call a short one.
const workerOptions: DeliverOptions = { resolve, timeoutMs: 10_000, retryDelaysMs: quickRetries, allowPrivate: true };

let receivers: Receiver[] = [];
async function receiver(port?: number, tls?: { cert: string; key: string }): Promise<Receiver> {
  const started = await startReceiver({ port, tls });
  receivers.push(started);
  return started;
}

beforeAll(async () => {
  process.env.WEBHOOKS_ALLOW_PRIVATE = "true";
  resetSettings();
  await setDeliveryQueueTarget({ handle: database.handle, connectionString: connectionStringFor(database.handle) });
  await startSubscriptionDeliveryWorkers({ ...workerOptions, pollingIntervalSeconds: 0.5, batchSize: 10 });
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

/** A message stored without a job, for a test that makes the one try itself. */
async function storeUnqueued(subscriptionId: string): Promise<string> {
  const [row] = await db()
    .insert(subscriptionMessages)
    .values({
      subscriptionId,
      channel: "webhook",
      eventType: "notification.created",
      eventId: crypto.randomUUID(),
      payload: { type: "notification.created", timestamp: new Date().toISOString(), data: {} },
    })
    .returning({ id: subscriptionMessages.id });
  return row!.id;
}

async function message(id: string) {
  const [row] = await db().select().from(subscriptionMessages).where(eq(subscriptionMessages.id, id));
  return row!;
}
async function attemptsOf(id: string) {
  return db()
    .select()
    .from(subscriptionAttempts)
    .where(eq(subscriptionAttempts.messageId, id))
    .orderBy(asc(subscriptionAttempts.attemptedAt));
}
async function statuses(ids: string[]) {
  return db()
    .select({ id: subscriptionMessages.id, status: subscriptionMessages.status })
    .from(subscriptionMessages)
    .where(inArray(subscriptionMessages.id, ids));
}
const allIn = (status: string) => (rows: { status: string }[]) => rows.every((row) => row.status === status);

describe("delivering a webhook", () => {
  it("POSTs the payload once, signed, and records one attempt and `sent`", async () => {
    const target = await receiver();
    const { id, secret } = await subscribeWebhook(db(), target.url);
    target.secrets = [secret];
    const [messageId] = await publishMessages(db(), id, 1);
    await waitFor(() => statuses([messageId!]), allIn("sent"));

    const stored = await message(messageId!);
    expect(target.received).toHaveLength(1);
    expect(target.received[0]).toMatchObject({
      id: messageId,
      contentType: "application/json",
      body: JSON.stringify(stored.payload),
      verifiedWith: [true],
    });
    expect(stored).toMatchObject({ attemptCount: 1, lastStatusCode: 204, nextAttemptAt: null });
    const attempts = await attemptsOf(messageId!);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ trigger: "scheduled", statusCode: 204, error: null });
  });

  it("retries a 500 as a new job: same webhook-id and body, a new timestamp, both attempts recorded", async () => {
    const target = await receiver();
    const { id, secret } = await subscribeWebhook(db(), target.url);
    target.secrets = [secret];
    target.answer = (_, index) => (index === 0 ? { status: 500, body: "x".repeat(5000) } : { status: 200, body: "ok" });
    const [messageId] = await publishMessages(db(), id, 1);
    await waitFor(() => statuses([messageId!]), allIn("sent"));

    expect(target.received.map((request) => request.id)).toEqual([messageId, messageId]);
    expect(target.received[1]!.body).toBe(target.received[0]!.body);
    expect(Number(target.received[1]!.timestamp)).toBeGreaterThan(Number(target.received[0]!.timestamp));
    expect(target.received.every((request) => request.verifiedWith[0])).toBe(true);
    const attempts = await attemptsOf(messageId!);
    expect(attempts.map((attempt) => attempt.statusCode)).toEqual([500, 200]);
    // The first 2 KB of the answer, no more.
    expect(attempts[0]!.responseExcerpt).toBe("x".repeat(2048));
    expect(await message(messageId!)).toMatchObject({ status: "sent", attemptCount: 2 });
    const [subscription] = await db().select().from(subscriptions).where(eq(subscriptions.id, id));
    expect(subscription!.failingSince).toBeNull();
  });

  it("disables the subscription at once on 410 Gone and emails each contact through Notify", async () => {
    const target = await receiver();
    const contacts = ["ops@fibre.example", "oncall@fibre.example"];
    const { id } = await subscribeWebhook(db(), target.url, { contactEmails: contacts });
    target.answer = () => ({ status: 410 });
    const [first, second] = await publishMessages(db(), id, 2);
    await waitFor(() => statuses([first!, second!]), allIn("fail"));

    const [subscription] = await db().select().from(subscriptions).where(eq(subscriptions.id, id));
    expect(subscription!.disabledAt).not.toBeNull();
    expect(subscription!.disabledReason).toContain("410");
    // One of the two reached the receiver; the other found the subscription disabled, or both did
    // when their sends overlapped: never a retry.
    expect(target.received.length).toBeGreaterThanOrEqual(1);
    expect(target.received.length).toBeLessThanOrEqual(2);
    const emails = await db()
      .select({
        email: notifications.email,
        templateId: deliveries.templateId,
        personalisation: notifications.personalisation,
      })
      .from(deliveries)
      .innerJoin(notifications, eq(notifications.id, deliveries.notificationId))
      .where(inArray(notifications.email, contacts));
    expect(emails.map((email) => email.email).sort()).toEqual([...contacts].sort());
    expect(emails[0]).toMatchObject({
      templateId: notifyTemplateIds.subscriptionEmail,
      personalisation: { subject: "Your Notification Centre subscription has been disabled" },
    });
  });

  it("records a receiver that does not answer in time as a timeout", async () => {
    const target = await receiver();
    const { id } = await subscribeWebhook(db(), target.url);
    target.answer = () => ({ status: 200, delayMs: 3000 });
    const messageId = await storeUnqueued(id);
    await expect(
      deliverSubscriptionMessage(db(), messageId, "scheduled", { ...workerOptions, timeoutMs: 1000 }),
    ).resolves.toBe("retrying");
    const [attempt] = await attemptsOf(messageId);
    expect(attempt).toMatchObject({ statusCode: null, error: "timeout" });
    expect(attempt!.durationMs).toBeGreaterThanOrEqual(950);
    expect(attempt!.durationMs).toBeLessThan(2500);
    expect(await message(messageId)).toMatchObject({ status: "pending", attemptCount: 1 });
    await db().update(subscriptions).set({ deletedAt: new Date() }).where(eq(subscriptions.id, id));
  });

  it("does not follow a redirect: a 3xx is a failed attempt", async () => {
    const target = await receiver();
    const { id } = await subscribeWebhook(db(), target.url);
    target.answer = (request) =>
      request.path === "/hook" ? { status: 307, headers: { location: "/elsewhere" } } : { status: 200 };
    const [messageId] = await publishMessages(db(), id, 1);
    const [attempt] = await waitFor(
      () => attemptsOf(messageId!),
      (rows) => rows.length >= 1,
    );
    expect(attempt).toMatchObject({ statusCode: 307, error: null });
    expect(target.received.map((request) => request.path)).toEqual(["/hook"]);
    expect(await message(messageId!)).toMatchObject({ status: "pending", lastStatusCode: 307 });
    await db().update(subscriptions).set({ deletedAt: new Date() }).where(eq(subscriptions.id, id));
  });

  it("signs with both secrets while a rotation overlaps, each verifying on its own", async () => {
    const target = await receiver();
    const { id, secret: oldSecret } = await subscribeWebhook(db(), target.url);
    const [client] = await db()
      .select({ clientId: subscriptions.clientId })
      .from(subscriptions)
      .where(eq(subscriptions.id, id));
    const { secret: newSecret } = await rotateSubscriptionSecret(
      db(),
      { kind: "client", id: client!.clientId, name: "subscriber", scopes: ["subscriptions:manage"] },
      id,
    );
    target.secrets = [newSecret, oldSecret];
    const [messageId] = await publishMessages(db(), id, 1);
    await waitFor(() => statuses([messageId!]), allIn("sent"));
    expect(target.received[0]!.signature.split(" ")).toHaveLength(2);
    expect(target.received[0]!.verifiedWith).toEqual([true, true]);
  });

  it("connects only to the address the URL check returned, keeping the host name in Host", async () => {
    const target = await receiver();
    fakeDns.set("pinned.example.test", ["127.0.0.1"]);
    const { id, secret } = await subscribeWebhook(db(), `http://pinned.example.test:${target.port}/hook`, {
      resolve,
    });
    target.secrets = [secret];
    const [messageId] = await publishMessages(db(), id, 1);
    await waitFor(() => statuses([messageId!]), allIn("sent"));
    expect(target.received[0]).toMatchObject({ host: `pinned.example.test:${target.port}`, verifiedWith: [true] });
    expect(lookups).toContain("pinned.example.test");
  });

  it("speaks TLS to an https receiver by its host name (SNI, certificate) at the address the check pinned", async () => {
    const certificate = selfSignedCertificate("hooks.example.test");
    const target = await receiver(undefined, certificate);
    fakeDns.set("hooks.example.test", ["127.0.0.1"]);
    const { id, secret } = await subscribeWebhook(db(), `https://hooks.example.test:${target.port}/hook`, { resolve });
    target.secrets = [secret];
    const trusted = await storeUnqueued(id);
    await expect(
      deliverSubscriptionMessage(db(), trusted, "scheduled", { ...workerOptions, trustedCa: certificate.cert }),
    ).resolves.toBe("sent");
    expect(target.received[0]).toMatchObject({
      id: trusted,
      servername: "hooks.example.test",
      host: `hooks.example.test:${target.port}`,
      verifiedWith: [true],
    });
    // Pinning the address leaves the certificate check on: a certificate nobody vouches for is refused.
    const untrusted = await storeUnqueued(id);
    await expect(deliverSubscriptionMessage(db(), untrusted, "scheduled", workerOptions)).resolves.toBe("retrying");
    expect(target.received).toHaveLength(1);
    const [attempt] = await attemptsOf(untrusted);
    expect(attempt).toMatchObject({ statusCode: null });
    expect(attempt!.error).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY/);
    await db().update(subscriptions).set({ deletedAt: new Date() }).where(eq(subscriptions.id, id));
  });

  it("refuses at send a host that now resolves to a private address, without sending anything", async () => {
    const target = await receiver();
    fakeDns.set("rebound.example.test", ["127.0.0.1"]);
    const { id } = await subscribeWebhook(db(), `https://rebound.example.test:${target.port}/hook`, {
      resolve,
    });
    // The subscription was checked when made; by the time of sending its name points inside.
    fakeDns.set("rebound.example.test", ["10.1.2.3"]);
    const messageId = await storeUnqueued(id);
    const lookupsBefore = lookups.length;
    const result = await deliverSubscriptionMessage(db(), messageId, "scheduled", {
      ...workerOptions,
      allowPrivate: false,
    });
    expect(result).toBe("retrying");
    expect(lookups.slice(lookupsBefore)).toEqual(["rebound.example.test"]);
    expect(target.received).toHaveLength(0);
    const [attempt] = await attemptsOf(messageId);
    expect(attempt).toMatchObject({ statusCode: null, durationMs: 0 });
    expect(attempt!.error).toMatch(/^ssrf-refused: .*10\.1\.2\.3/);
    await db().update(subscriptions).set({ deletedAt: new Date() }).where(eq(subscriptions.id, id));
  });
});

describe("delivering a batch", () => {
  it("claims and records a worker's batch together, trying a message asked for twice once", async () => {
    const target = await receiver();
    const { id, secret } = await subscribeWebhook(db(), target.url);
    target.secrets = [secret];
    const [first, second, done] = [await storeUnqueued(id), await storeUnqueued(id), await storeUnqueued(id)];
    await db().update(subscriptionMessages).set({ status: "sent" }).where(eq(subscriptionMessages.id, done));
    const results = await deliverSubscriptionMessages(
      db(),
      [first, first, second, done].map((messageId) => ({ messageId, trigger: "scheduled" as const })),
      workerOptions,
    );
    expect(results).toEqual(["sent", "busy", "sent", "skipped"]);
    expect(target.received.map((request) => request.id).sort()).toEqual([first, second].sort());
    expect(target.received.every((request) => request.verifiedWith[0])).toBe(true);
    for (const messageId of [first, second]) {
      expect(await message(messageId)).toMatchObject({ status: "sent", attemptCount: 1, lastStatusCode: 204 });
      expect(await attemptsOf(messageId)).toHaveLength(1);
    }
    expect(await attemptsOf(done)).toHaveLength(0);
  });

  it("records each answer of a mixed batch as its own: one sent, one queued for retry", async () => {
    const target = await receiver();
    const { id, secret } = await subscribeWebhook(db(), target.url);
    target.secrets = [secret];
    const [ok, failing] = [await storeUnqueued(id), await storeUnqueued(id)];
    // A binary answer: PostgreSQL text cannot hold its NUL, which must not stop the attempt's record.
    target.answer = (request) => (request.id === failing ? { status: 503 } : { status: 200, body: "ok\u0000bin" });
    const results = await deliverSubscriptionMessages(
      db(),
      [ok, failing].map((messageId) => ({ messageId, trigger: "scheduled" as const })),
      workerOptions,
    );
    expect(results).toEqual(["sent", "retrying"]);
    expect(await message(ok)).toMatchObject({ status: "sent", lastStatusCode: 200 });
    expect((await attemptsOf(ok))[0]!.responseExcerpt).toBe("ok\uFFFDbin");
    expect(await message(failing)).toMatchObject({ status: "pending", attemptCount: 1, lastStatusCode: 503 });
    await db().update(subscriptions).set({ deletedAt: new Date() }).where(eq(subscriptions.id, id));
  });
});

describe("delivering under contention and outages", () => {
  it("delivers each message once when two workers and duplicate jobs race for it", async () => {
    const target = await receiver();
    const { id, secret } = await subscribeWebhook(db(), target.url);
    target.secrets = [secret];
    target.answer = () => ({ status: 200, delayMs: 50 });
    // A second worker in this process, beside the first.
    await startSubscriptionDeliveryWorkers({ ...workerOptions, pollingIntervalSeconds: 0.5, batchSize: 10 });
    const ids = await publishMessages(db(), id, 30);
    // A second job for every message (as a sweep might make), and direct calls racing the workers.
    await db().transaction((tx) =>
      enqueueSubscriptionMessages(
        tx,
        ids.map((messageId) => ({ messageId, jobId: deliveryJobId(messageId, 1, new Date(0)) })),
      ),
    );
    await Promise.all(ids.map((messageId) => deliverSubscriptionMessage(db(), messageId, "scheduled", workerOptions)));
    await waitFor(() => statuses(ids), allIn("sent"));
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const counts = new Map<string, number>();
    for (const request of target.received) counts.set(request.id, (counts.get(request.id) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...ids].sort());
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
    const attempts = await db().select().from(subscriptionAttempts).where(inArray(subscriptionAttempts.messageId, ids));
    const described = attempts.map((attempt) => `${attempt.statusCode ?? attempt.error} in ${attempt.durationMs} ms`);
    expect(attempts, described.join("; ")).toHaveLength(ids.length);
  });

  it("delivers every message once the receiver comes back after being down", async () => {
    const placeholder = await startReceiver();
    const port = placeholder.port;
    const url = placeholder.url;
    await placeholder.close();
    const { id, secret } = await subscribeWebhook(db(), url);
    const ids = await publishMessages(db(), id, 10);
    const firstTries = await waitFor(
      () => db().select().from(subscriptionAttempts).where(inArray(subscriptionAttempts.messageId, ids)),
      (rows) => new Set(rows.map((row) => row.messageId)).size === ids.length,
    );
    expect(firstTries.every((attempt) => attempt.error === "refused")).toBe(true);

    const target = await receiver(port);
    target.secrets = [secret];
    await waitFor(() => statuses(ids), allIn("sent"));
    expect(new Set(target.received.map((request) => request.id))).toEqual(new Set(ids));
    expect(target.received).toHaveLength(ids.length);
    expect(target.received.every((request) => request.verifiedWith[0])).toBe(true);
  });
});
