import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { startedDeliveryQueue } from "@/lib/delivery/queue";
import { logger } from "@/lib/logging/logger";
import { findNotifyService, getNotifyMode, listNotifyServiceKeys } from "@/lib/notify/service-registry";

export const healthSchema = z
  .object({
    status: z.enum(["ok", "unavailable"]),
    database: z.enum(["up", "down"]),
    // `stopped`: this process has not started the delivery queue (e.g. WORKERS_IN_APP=false and nothing sent yet).
    queue: z.enum(["up", "down", "stopped"]),
    notify: z.object({ mode: z.enum(["simulator", "real", "unconfigured"]), reachable: z.boolean() }),
  })
  .meta({ id: "Health" });
export type Health = z.infer<typeof healthSchema>;

async function checkQueue(): Promise<Health["queue"]> {
  const queue = startedDeliveryQueue();
  if (!queue) return "stopped";
  return queue.boss.isInstalled().then(
    (installed) => (installed ? "up" : "down"),
    (error: unknown) => {
      logger.warn({ err: error }, "health: the delivery queue did not answer");
      return "down";
    },
  );
}

// Asking Notify on every load-balancer probe would be rude; one answer serves 30 seconds.
let notifyCache: { at: number; value: Health["notify"] } | undefined;

async function checkNotify(): Promise<Health["notify"]> {
  if (notifyCache && Date.now() - notifyCache.at < 30_000) return notifyCache.value;
  let value: Health["notify"];
  try {
    const mode = (await getNotifyMode()).kind;
    const [first] = await listNotifyServiceKeys();
    const baseUrl = (first && (await findNotifyService(first))?.baseUrl) || "https://api.notifications.service.gov.uk";
    // Any HTTP answer means Notify is there; only a network failure or timeout is "unreachable".
    const reachable = await fetch(`${baseUrl}/_status`, { signal: AbortSignal.timeout(2000) }).then(
      () => true,
      (error: unknown) => {
        logger.warn({ err: error, baseUrl }, "health: GOV.UK Notify did not answer");
        return false;
      },
    );
    value = { mode, reachable };
  } catch (error) {
    logger.warn({ err: error }, "health: GOV.UK Notify is not configured correctly");
    value = { mode: "unconfigured", reachable: false };
  }
  notifyCache = { at: Date.now(), value };
  return value;
}

/** Whether the service can do its work: the database (503 without it), the delivery queue and GOV.UK Notify. */
export async function checkHealth(db: Database): Promise<Health> {
  const [database, queue, notify] = await Promise.all([
    db.execute(sql`select 1`).then(
      () => "up" as const,
      (error: unknown) => {
        logger.error({ err: error }, "health: the database did not answer");
        return "down" as const;
      },
    ),
    checkQueue(),
    checkNotify(),
  ]);
  return { status: database === "up" ? "ok" : "unavailable", database, queue, notify };
}

/** Forgets the cached Notify answer (tests). */
export function clearHealthCache(): void {
  notifyCache = undefined;
}
