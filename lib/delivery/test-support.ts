import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll } from "vitest";
import type { Database, DatabaseHandle } from "@/db/client";
import { deliveries, deliveryStatusEvents, notifications, type Delivery } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { resetSettings } from "@/lib/config/settings";
import { setNotifyServices } from "@/lib/notify/service-registry";
import { startNotifySimulator, notifyTemplateIds, type NotifySimulator } from "@/lib/notify-simulator";
import { emailPersonalisation } from "@/lib/notify-simulator/test-support";
import { clearTemplateCache } from "@/lib/notify/templates";
import { POST as receiveCallback } from "@/app/api/v1/notify/callbacks/route";
import { enqueueDeliverySends, setDeliveryQueueTarget, stopDeliveryQueue } from "./queue";
import { createSendRateLimiter, type SendRateLimiter } from "./rate-limiter";
import { startDeliveryWorkers } from "./workers";

// Sender tests: a fresh database, a real simulator on a random port that calls the real callback
// route back over HTTP, and this process's queue (and, unless told not to, its workers) on that database.

export const emailTemplateId = notifyTemplateIds.email.visitDue!;
export { emailPersonalisation };

/** The test database's connection string on PostgreSQL (pg-boss pools its own connections). */
export function connectionStringFor(handle: DatabaseHandle): string | undefined {
  if (handle.driver !== "postgres") return undefined;
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${handle.location.split("/").at(-1)}`;
  return url.toString();
}

async function startCallbackForwarder(): Promise<{ server: Server; url: string }> {
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const request = new Request(`http://127.0.0.1${incoming.url}`, {
        method: incoming.method,
        headers: Object.entries(incoming.headers).flatMap(([name, value]) =>
          typeof value === "string" ? [[name, value] as [string, string]] : [],
        ),
        body: Buffer.concat(chunks),
      });
      void receiveCallback(request, { params: Promise.resolve({}) }).then(async (response) => {
        outgoing.writeHead(response.status, { "content-type": response.headers.get("content-type") ?? "text/plain" });
        outgoing.end(await response.text());
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.address();
  return {
    server,
    url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/api/v1/notify/callbacks`,
  };
}

/** A send limiter with room to spare, for tests that send deliveries themselves: none waits on it. */
export function roomySendLimiter(db: Database): SendRateLimiter {
  return createSendRateLimiter(db, { limitFor: () => ({ requests: 3000, perSeconds: 60 }) });
}

export type DeliveryTestContext = {
  readonly handle: DatabaseHandle;
  readonly simulator: NotifySimulator;
  readonly callbackToken: string;
  /** Points the simulator's callbacks back at the app. */
  restoreCallback(): void;
};

export function setUpDeliveryTest({ workers = true }: { workers?: boolean } = {}): DeliveryTestContext {
  const database = setUpTestDatabase();
  let simulator: NotifySimulator | undefined;
  let forwarder: Server | undefined;
  const callbackToken = randomUUID();
  let callbackUrl = "";
  beforeAll(async () => {
    process.env.DELIVERY_RETRY_DELAY_SECONDS = "1";
    process.env.DELIVERY_RETRY_DELAY_MAX_SECONDS = "2";
    process.env.DELIVERY_RETRY_LIMIT = "12";
    resetSettings();
    const callback = await startCallbackForwarder();
    forwarder = callback.server;
    callbackUrl = callback.url;
    simulator = await startNotifySimulator({
      port: 0,
      serviceId: randomUUID(),
      apiKeySecret: randomUUID(),
      onError: () => {},
      callback: { url: callback.url, bearerToken: callbackToken },
      timing: { createdToSendingMs: 100, sendingToFinalMs: 300 },
    });
    setNotifyServices(
      [{ key: "housing", apiKey: simulator.apiKey, baseUrl: simulator.url }],
      { kind: "simulator", simulator },
      { callbackToken },
    );
    clearTemplateCache();
    await setDeliveryQueueTarget({ handle: database.handle, connectionString: connectionStringFor(database.handle) });
    if (workers) await startDeliveryWorkers({ pollingIntervalSeconds: 0.5 });
  });
  afterAll(async () => {
    await stopDeliveryQueue({ timeoutMs: 3000 });
    await setDeliveryQueueTarget(undefined);
    setNotifyServices(undefined);
    await simulator?.close();
    await new Promise((resolve) => forwarder?.close(resolve));
  });
  return {
    get handle() {
      return database.handle;
    },
    get simulator() {
      if (!simulator) throw new Error("The simulator is not running yet");
      return simulator;
    },
    callbackToken,
    restoreCallback: () => simulator?.setCallback({ url: callbackUrl, bearerToken: callbackToken }),
  };
}

/** Stores email notifications with one delivery each and queues them in the same transaction. */
export async function createEmailDeliveries(
  db: Database,
  count: number,
  {
    templateId = emailTemplateId,
    email = "resident@example.com",
    sendAt = null,
  }: { templateId?: string; email?: string; sendAt?: Date | null } = {},
): Promise<Delivery[]> {
  return db.transaction(async (tx) => {
    const created = await tx
      .insert(notifications)
      .values(
        Array.from({ length: count }, () => ({
          notificationType: "Email" as const,
          serviceKey: "housing",
          templateId,
          email,
          personalisation: emailPersonalisation,
          sendAt,
          requireEmailNotification: true,
        })),
      )
      .returning({ id: notifications.id });
    const stored = await tx
      .insert(deliveries)
      .values(
        created.map(({ id }) => ({
          notificationId: id,
          channel: "email" as const,
          serviceKey: "housing",
          templateId,
          status: sendAt ? "scheduled" : "pending",
        })),
      )
      .returning();
    await enqueueDeliverySends(
      tx,
      stored.map((delivery) => ({ id: delivery.id, sendAt })),
    );
    return stored;
  });
}

export async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs = 20_000, intervalMs = 100 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting; last value: ${JSON.stringify(value)?.slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The delivery a notification created (one channel), or undefined. */
export const findDeliveryOf = (db: Database, notificationId: string) =>
  db.query.deliveries.findFirst({ where: eq(deliveries.notificationId, notificationId) });

export const deliveriesById = (db: Database, ids: string[]) =>
  db.select().from(deliveries).where(inArray(deliveries.id, ids));
export const statusEventsOf = (db: Database, id: string) =>
  db
    .select()
    .from(deliveryStatusEvents)
    .where(eq(deliveryStatusEvents.deliveryId, id))
    .orderBy(deliveryStatusEvents.at);

// How many messages the simulator holds for each reference: one home, shared with the scale-out checks.
export { countByReference } from "@/lib/runtime/testing/shared-notify-simulator";
