import type { Database } from "@/db/client";
import { openActionItemsByTeam, ruleStepsSince } from "./action-items";
import { countDeliveries } from "./delivery-counts";
import { operationsMetrics } from "./metrics";
import { notifyHeadroom } from "./notify-headroom";
import { queueDepths } from "./queue-depth";
import { ruleStepDays } from "./snapshot";

const day = 24 * 60 * 60 * 1000;

export type ScrapeOptions = { now?: Date; services: readonly string[]; limitPerMinute: number };

/**
 * The Prometheus text exposition of this process's counters and the database's current figures.
 * The database gauges are read on each scrape by the same functions the /admin dashboard uses, and
 * reset first, so a queue or team that has emptied drops to nothing rather than keeping its last value.
 */
export async function scrapeMetrics(
  db: Database,
  { now = new Date(), services, limitPerMinute }: ScrapeOptions,
): Promise<{ contentType: string; body: string }> {
  const metrics = operationsMetrics();
  const deliveries = await countDeliveries(db, { since: new Date(now.getTime() - day) });
  const queues = await queueDepths(db);
  const headroom = await notifyHeadroom(db, { services, limitPerMinute });
  const actionItems = await openActionItemsByTeam(db);
  const ruleSteps = await ruleStepsSince(db, { since: new Date(now.getTime() - ruleStepDays * day) });

  metrics.recentDeliveries.reset();
  for (const { channel, status, count } of deliveries) metrics.recentDeliveries.inc({ channel, status }, count);
  metrics.queueJobs.reset();
  metrics.queueOldestReadyAge.reset();
  for (const queue of queues) {
    for (const state of ["ready", "deferred", "active"] as const)
      metrics.queueJobs.set({ queue: queue.queue, state }, queue[state]);
    metrics.queueOldestReadyAge.set({ queue: queue.queue }, queue.oldestReadySeconds ?? 0);
  }
  metrics.notifySendsLastMinute.reset();
  metrics.notifyRateLimit.reset();
  for (const service of headroom) {
    metrics.notifySendsLastMinute.set({ service: service.serviceKey }, service.usedLastMinute);
    metrics.notifyRateLimit.set({ service: service.serviceKey }, service.limitPerMinute);
  }
  metrics.openActionItems.reset();
  metrics.oldestOpenActionItemAge.reset();
  for (const items of actionItems) {
    metrics.openActionItems.set({ team: items.owner }, items.count);
    metrics.oldestOpenActionItemAge.set({ team: items.owner }, items.oldestSeconds);
  }
  metrics.ruleSteps.set({ step: "escalation" }, ruleSteps.escalated);
  metrics.ruleSteps.set({ step: "reminder" }, ruleSteps.reminded);

  return { contentType: metrics.registry.contentType, body: await metrics.registry.metrics() };
}
