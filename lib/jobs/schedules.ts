import { keepStatisticsFresh } from "@/db/statistics";
import { purgeExpiredActivities } from "@/lib/activity/purge-expired";
import { purgePassedRateLimitWindows } from "@/lib/api/rate-limit-windows";
import { getSettings } from "@/lib/config/settings";
import { pollDeliveryStatuses } from "@/lib/delivery/poll-statuses";
import { purgeOldRateWindows } from "@/lib/delivery/rate-limiter";
import { sweepUnqueuedDeliveries } from "@/lib/delivery/sweep-unqueued";
import { redactExpiredPersonalData } from "@/lib/personal-data/retention";
import { purgeOldNotificationEvents } from "@/lib/realtime/purge-events";
import { sweepVisitReminders } from "@/lib/rules/engine/visit-reminders";
import { sweepStalledRecords } from "@/lib/rules/engine/stalled";
import { drainEscalations } from "@/lib/rules/engine/escalations";
import { sendExpiryNotices } from "@/lib/subscriptions/expiry-notices";
import { sweepPendingSubscriptionMessages } from "@/lib/subscriptions/sweep-pending";
import { sendDailyDigests } from "@/lib/rules/send-digests";
import type { ScheduledStep } from "./steps";

// Everything the product runs on a schedule. pg-boss fires each schedule once per period across
// every process and hands the job to one worker, rather than a timer firing in each replica. To
// add work, add a step to a schedule's list (or a schedule with its own queue and cron).

/** A pg-boss schedule: its queue, its cron expression and the steps each run performs. */
export type Schedule = {
  queue: string;
  cron: string;
  /** The time zone the cron expression is read in (pg-boss's `tz`); UTC when unset. */
  timeZone?: string;
  /** A run missed while no process was up: "once" makes it when one starts; "skip" (the default) drops it. */
  missed?: "skip" | "once";
  steps: readonly ScheduledStep[];
  /** Steps that also run once when a process starts the schedules (work left from while none ran). */
  atStart: readonly ScheduledStep[];
};

const sweepUnqueued: ScheduledStep = {
  name: "sweep unqueued deliveries",
  run: (db) => sweepUnqueuedDeliveries(db),
};

const sweepSubscriptionMessages: ScheduledStep = {
  name: "sweep pending subscription messages",
  run: (db) => sweepPendingSubscriptionMessages(db),
};

/** Housekeeping for every domain, once a minute. */
export const housekeeping: Schedule = {
  // The name is older than this module: it stays, so a database that already holds the schedule
  // keeps one rather than gaining a second.
  queue: "delivery-poll",
  cron: "* * * * *",
  steps: [
    sweepUnqueued,
    sweepSubscriptionMessages,
    { name: "send subscription expiry notices", run: (db) => sendExpiryNotices(db) },
    {
      name: "poll delivery statuses",
      run: (db) => {
        const { pollAfterMinutes, letterFirstPollMinutes } = getSettings().delivery;
        return pollDeliveryStatuses(db, { olderThanMinutes: pollAfterMinutes, letterFirstPollMinutes });
      },
    },
    { name: "purge rate windows", run: (db) => purgeOldRateWindows(db) },
    { name: "purge request limit windows", run: (db) => purgePassedRateLimitWindows(db) },
    { name: "purge expired activities", run: (db) => purgeExpiredActivities(db) },
    { name: "purge notification events", run: (db) => purgeOldNotificationEvents(db) },
    {
      name: "redact expired personal data",
      run: (db) => {
        const { retentionDays, retentionBatchSize } = getSettings().personalData;
        return redactExpiredPersonalData(db, { retentionDays, batchSize: retentionBatchSize });
      },
    },
    // Last, after the purges, so it sees what they removed. A no-op where autovacuum runs.
    { name: "keep planner statistics fresh", run: (db) => keepStatisticsFresh(db) },
  ],
  atStart: [sweepUnqueued, sweepSubscriptionMessages],
};

/**
 * People who chose a daily digest get it at 08:00 UK time, summer or winter. A run missed while no
 * process was up is made once when one starts (pg-boss `missed: "once"`); a second run the same day
 * sends nothing, as digests are unique per person and day.
 */
export const dailyDigests: Schedule = {
  queue: "daily-digests",
  cron: "0 8 * * *",
  timeZone: "Europe/London",
  missed: "once",
  steps: [{ name: "send daily digests", run: (db) => sendDailyDigests(db) }],
  atStart: [],
};

/**
 * The centre's own rules, every minute, so a step is at most a minute late. Each sweep is bounded
 * per run and claims each step once (lib/rules/engine/claim-step.ts), so overlapping runs or a
 * worker killed mid-run neither lose nor double a step.
 */
export const ruleSweeps: Schedule = {
  queue: "rule-sweeps",
  cron: "* * * * *",
  steps: [
    { name: "sweep escalations", run: (db) => drainEscalations(db) },
    { name: "send visit reminders", run: (db) => sweepVisitReminders(db) },
    { name: "sweep stalled records", run: (db) => sweepStalledRecords(db) },
  ],
  atStart: [],
};

export const schedules: readonly Schedule[] = [housekeeping, dailyDigests, ruleSweeps];
