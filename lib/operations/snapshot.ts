import type { Database } from "@/db/client";
import { openActionItemsByTeam, ruleStepsSince, type OpenActionItems, type RuleSteps } from "./action-items";
import { lastDays } from "./days";
import {
  commonFailureReasons,
  countDeliveries,
  dailyDeliveries,
  deliveryTotals,
  windowStart,
  type DailyDeliveries,
  type DeliveryTotals,
  type FailureReason,
} from "./delivery-counts";
import { notifyHeadroom, type NotifyHeadroom } from "./notify-headroom";
import { queueDepths, type QueueDepth } from "./queue-depth";

/** The dashboard's windows: deliveries by day, and the rules' steps. */
export const dashboardDays = 14;
export const ruleStepDays = 7;
const day = 24 * 60 * 60 * 1000;

export type OperationsSnapshot = {
  days: DailyDeliveries[];
  lastDay: DeliveryTotals;
  window: DeliveryTotals;
  failureReasons: FailureReason[];
  headroom: NotifyHeadroom[];
  queues: QueueDepth[];
  actionItems: OpenActionItems[];
  ruleSteps: RuleSteps;
};

export type SnapshotOptions = { now?: Date; services: readonly string[]; limitPerMinute: number };

/** Everything the /admin dashboard shows, each figure from the same functions /metrics reads. */
export async function getOperationsSnapshot(
  db: Database,
  { now = new Date(), services, limitPerMinute }: SnapshotOptions,
): Promise<OperationsSnapshot> {
  const since = windowStart(now, dashboardDays);
  // One after another: on PGlite there is one connection, and on PostgreSQL these are a few ms each.
  const counts = await countDeliveries(db, { since });
  const recent = await countDeliveries(db, { since: new Date(now.getTime() - day) });
  const failureReasons = await commonFailureReasons(db, { since });
  const headroom = await notifyHeadroom(db, { services, limitPerMinute });
  const queues = await queueDepths(db);
  const actionItems = await openActionItemsByTeam(db);
  const ruleSteps = await ruleStepsSince(db, { since: new Date(now.getTime() - ruleStepDays * day) });
  return {
    days: dailyDeliveries(counts, lastDays(now, dashboardDays)),
    lastDay: deliveryTotals(recent),
    window: deliveryTotals(counts),
    failureReasons,
    headroom,
    queues,
    actionItems,
    ruleSteps,
  };
}
