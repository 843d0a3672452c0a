import { getDeliveryQueue, startedDeliveryQueue } from "@/lib/delivery/queue";
import { schedules as allSchedules, type Schedule } from "./schedules";
import { runSteps } from "./steps";

/**
 * Registers every schedule with this process's pg-boss (starting it if needed) and works its queue
 * here, one job at a time; pg-boss makes one job per period, so one process runs each. Then runs
 * each schedule's start-up steps. Stopped with the queue (stopDeliveryQueue()).
 */
export async function startScheduledJobs(schedules: readonly Schedule[] = allSchedules): Promise<void> {
  const boss = await getDeliveryQueue();
  const { db } = startedDeliveryQueue()!.handle;
  for (const schedule of schedules) {
    // A missed or failed run is not retried: the next period runs the same steps anyway.
    await boss.createQueue(schedule.queue, { retryLimit: 0, expireInSeconds: 300, deleteAfterSeconds: 3600 });
    await boss.work(schedule.queue, { pollingIntervalSeconds: 10 }, async () => {
      await runSteps(db, schedule.steps);
    });
    await boss.schedule(schedule.queue, schedule.cron, null, {
      ...(schedule.timeZone ? { tz: schedule.timeZone } : {}),
      ...(schedule.missed ? { missed: schedule.missed } : {}),
    });
  }
  for (const schedule of schedules) await runSteps(db, schedule.atStart);
}
