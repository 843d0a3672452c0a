import { sql, type SQL } from "drizzle-orm";
import { fromDrizzle, fromPglite, PgBoss, type JobInsert, type SendOptions } from "pg-boss";
import type { Database, DatabaseHandle } from "@/db/client";
import { getDatabaseHandle } from "@/db/runtime";
import { getSettings } from "@/lib/config/settings";
import { logger } from "@/lib/logging/logger";
import { processSingleton } from "@/lib/runtime/process-singleton";

// One pg-boss per process, in the app's own database: on PGlite through the embedded instance, on
// PostgreSQL through pg-boss's own pg pool. A process singleton, so Next's module graphs share it.

export const deliverySendQueue = "delivery-send";
/** Named here too (lib/subscriptions/queue.ts owns it) so starting the queue does not import that domain. */
export const subscriptionDeliveryQueueName = "subscription-deliver";

export type DeliverySendJob = { deliveryId: string };

/** Where the queue lives: the database handle and, on PostgreSQL, the connection string pg-boss pools. */
export type DeliveryQueueTarget = { handle: DatabaseHandle; connectionString?: string };

type StartedQueue = { boss: PgBoss; handle: DatabaseHandle };

// null: the app's own database; tests point the queue at theirs.
const queueTarget = processSingleton<DeliveryQueueTarget | null>("delivery-queue-target", () => null);
const processQueue = processSingleton("delivery-queue", () => startQueue());

function createBoss(target: DeliveryQueueTarget): PgBoss {
  const config = getSettings().delivery;
  // How soon a job whose worker died (its time limit passed) goes back to the queue: pg-boss's
  // monitor pass finds expired jobs at most this often.
  const superviseSeconds = config.superviseIntervalSeconds;
  const common = {
    application_name: "notification-centre",
    useListenNotify: true,
    superviseIntervalSeconds: superviseSeconds,
    monitorIntervalSeconds: superviseSeconds,
  } as const;
  if (target.handle.pglite)
    return reportErrors(new PgBoss({ ...common, db: fromPglite(target.handle.pglite), backend: "pglite" }));
  if (!target.connectionString)
    throw new Error("The delivery queue on PostgreSQL needs the database's connection string");
  return reportErrors(
    new PgBoss({ ...common, connectionString: target.connectionString, max: config.queueConnections }),
  );
}

/**
 * pg-boss emits "error" for a pooled connection the server dropped (a restart, a failover); with no
 * listener Node ends the process, so one database restart killed every app replica and worker.
 * Its pool and our pollers reconnect on their own: the error is worth a log line, not an exit.
 */
function reportErrors(boss: PgBoss): PgBoss {
  boss.on("error", (error) => logger.warn({ err: error }, "delivery queue: database error (pg-boss retries)"));
  return boss;
}

/** The queue options every send job carries, so changed settings apply to new jobs. */
function sendJobOptions(): SendOptions {
  const config = getSettings().delivery;
  return {
    retryLimit: config.retryLimit,
    retryDelay: config.retryDelaySeconds,
    retryBackoff: true,
    retryDelayMax: config.retryDelayMaxSeconds,
    expireInSeconds: config.jobTimeoutSeconds,
  };
}

async function startBoss(boss: PgBoss): Promise<PgBoss> {
  await boss.start();
  await boss.createQueue(deliverySendQueue, { ...sendJobOptions(), deleteAfterSeconds: 7 * 24 * 3600, notify: true });
  // Subscription deliveries (lib/subscriptions/queue.ts) retry on their own schedule, not pg-boss's.
  await boss.createQueue(subscriptionDeliveryQueueName, {
    retryLimit: 0,
    deleteAfterSeconds: 7 * 24 * 3600,
    notify: true,
  });
  return boss;
}

async function defaultTarget(): Promise<DeliveryQueueTarget> {
  return { handle: await getDatabaseHandle(), connectionString: getSettings().database.url };
}

async function startQueue(): Promise<StartedQueue> {
  const target = queueTarget.get() ?? (await defaultTarget());
  const boss = createBoss(target);
  try {
    await startBoss(boss);
  } catch (error) {
    // A half-started boss may hold connections and timers; the next use starts a fresh one.
    await boss.stop({ graceful: false }).catch(() => undefined);
    throw error;
  }
  return { boss, handle: target.handle };
}

/**
 * The process's started queue (starting it on first use: installs or migrates pg-boss's schema).
 * Never call it inside a transaction on PGlite: starting needs the single connection.
 */
export async function getDeliveryQueue(): Promise<PgBoss> {
  return (await processQueue.get()).boss;
}

/** The database the started queue lives in, or null when this process has not started it. */
export function startedDeliveryQueue(): StartedQueue | null {
  return processQueue.resolved() ?? null;
}

/**
 * Enqueues one send job per delivery inside the caller's transaction, so the jobs exist exactly when
 * the deliveries do. The job id is the delivery id: the same delivery can never be queued twice.
 * Scheduled deliveries wait for their `sendAt`. When this process has not started the queue (tools,
 * tests of other domains) nothing is enqueued here and the workers' sweep queues them on start.
 */
export async function enqueueDeliverySends(
  tx: Database,
  sends: { id: string; sendAt?: Date | null }[],
): Promise<boolean> {
  const options = sendJobOptions();
  return insertJobsInTransaction(
    tx,
    deliverySendQueue,
    sends.map((send) => ({
      ...options,
      id: send.id,
      data: { deliveryId: send.id } satisfies DeliverySendJob,
      singletonKey: send.id,
      startAfter: send.sendAt && send.sendAt.getTime() > Date.now() ? send.sendAt : undefined,
    })),
  );
}

/**
 * Inserts jobs into one of this process's queues inside the caller's transaction, in one multi-row
 * insert however many (a team's preference copies, a sweep's batch, an event's subscribers): they
 * exist exactly when the rows they are for commit. False, inserting nothing, when this process has
 * not started the queue: each queue's owner then finds its rows by a sweep when workers start.
 */
export async function insertJobsInTransaction(tx: Database, queueName: string, jobs: JobInsert[]): Promise<boolean> {
  const queue = startedDeliveryQueue();
  if (!queue || jobs.length === 0) return false;
  // drizzle's execute answers `{ rows }` on PGlite and the row array on postgres.js; pg-boss reads both.
  const db = fromDrizzle(
    { execute: async (query) => (await tx.execute(query as SQL)) as { rows: unknown[] } | unknown[] },
    sql,
  );
  await queue.boss.insert(queueName, jobs, { db });
  return true;
}

/** Stops the process's queue: waits for jobs in hand up to `timeoutMs`, then closes its connections. */
export async function stopDeliveryQueue({ timeoutMs = 10_000 }: { timeoutMs?: number } = {}): Promise<void> {
  const started = await processQueue.take()?.catch(() => undefined);
  await started?.boss.stop({ graceful: true, timeout: timeoutMs });
}

/** Points this process's queue at another database (tests); undefined goes back to the app's own. */
export async function setDeliveryQueueTarget(target: DeliveryQueueTarget | undefined): Promise<void> {
  await stopDeliveryQueue({ timeoutMs: 2000 });
  queueTarget.set(target ?? null);
}
