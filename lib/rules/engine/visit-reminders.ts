import { and, asc, eq, gt, lte, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { ruleSteps, rules, visits, type Rule, type Visit } from "@/db/schema";
import { recordActivities } from "@/lib/activity/record-activity";
import type { ClientCaller } from "@/lib/auth/caller";
import { getSettings } from "@/lib/config/settings";
import { createNotificationBodySchema } from "@/lib/notifications/contract/create-notification-body";
import { reminderRuleSchema, type ReminderRule } from "@/lib/rules/definitions";
import { systemClock, type Clock } from "@/lib/rules/time/clock";
import { publishEvents } from "@/lib/subscriptions/publish";
import { visitRemindedEvent } from "@/lib/subscriptions/visit-events";
import { claimRuleStep, recordStepNotification } from "./claim-step";
import { createRuleNotifications } from "./create-rule-notifications";
import { inboxNoticeBody } from "./inbox-notice-body";
import { rulesCaller } from "./rules-caller";
import { personById, residentChannel, templateFor, type Person } from "./visit-reminder-channel";
import {
  londonDateAndTime,
  officerReminderText,
  propertyInWords,
  residentReminderText,
  type VisitFacts,
} from "./visit-reminder-message";
import { visitReminderStep } from "./visit-reminder-steps";
import { reminderHorizonDays, visitReminderTime } from "./visit-reminder-time";

export type SweepVisitRemindersOptions = {
  clock?: Clock;
  /** Visits looked at per rule and offset in one run: the sweep is bounded, the next run goes on. */
  limit?: number;
};

export type SweepVisitRemindersResult = { sent: number; skipped: number; failed: number };

const notificationTypeOf = { email: "Email", sms: "Text", letter: "Letter" } as const;

/**
 * Sends visit reminders that are due: for each enabled reminder rule and offset, booked visits
 * still ahead whose reminder time (visit-reminder-time.ts) has come, each step once.
 *
 * Exactly once: each reminder claims its rule_steps key (rule, "visit", visit id, offset@start
 * [@officer]) in the transaction that creates its notification, with the visit row locked (SKIP
 * LOCKED: a visit being rescheduled or cancelled right now waits for the next run, and sees the
 * change). The key holds the visit's start, so a rescheduled visit gets new reminders and the old
 * ones are never sent; a cancelled or started visit is never selected.
 *
 * Late runs (no worker for hours): a reminder is still sent late while the visit is ahead — a late
 * "make sure you are at home" is worth more than none — unless a later offset of the same rule is
 * also due, in which case only the latest is sent and the earlier one is claimed as superseded
 * (a visit booked 3 days ahead gets its 1-day reminder, not a "7 days" one as well).
 */
export async function sweepVisitReminders(
  db: Database,
  { clock = systemClock, limit = 200 }: SweepVisitRemindersOptions = {},
): Promise<SweepVisitRemindersResult> {
  const now = clock.now();
  const result: SweepVisitRemindersResult = { sent: 0, skipped: 0, failed: 0 };
  const reminderRules = await enabledReminderRules(db);
  if (reminderRules.length === 0) return result;
  const caller = await rulesCaller(db);
  let lastFailure: unknown;
  for (const { rule, definition } of reminderRules) {
    for (const offset of definition.offsets) {
      for (const visit of await dueVisitReminders(db, rule, definition, offset, now, limit)) {
        try {
          const outcome = await db.transaction((tx) =>
            remindOnce(tx, { caller, rule, definition, offset, visit, now }),
          );
          if (outcome === "sent") result.sent += 1;
          else if (outcome === "skipped") result.skipped += 1;
        } catch (error) {
          result.failed += 1;
          lastFailure = error;
        }
      }
    }
  }
  // The others are made; the step runner logs this, and the failed ones are tried again next run.
  if (result.failed > 0)
    throw new Error(`${result.failed} visit reminder(s) could not be made`, { cause: lastFailure });
  return result;
}

async function enabledReminderRules(db: Database): Promise<{ rule: Rule; definition: ReminderRule }[]> {
  const rows = await db
    .select()
    .from(rules)
    .where(and(eq(rules.kind, "reminder"), eq(rules.enabled, true)))
    .orderBy(asc(rules.createdAt), asc(rules.id));
  return rows.flatMap((rule) => {
    const parsed = reminderRuleSchema.safeParse(rule.definition);
    return parsed.success ? [{ rule, definition: parsed.data }] : [];
  });
}

/**
 * The visits whose reminder for this rule and offset is due now and not yet taken, earliest first:
 * what the sweep takes and the dry run lists. Read as booked visits starting after now and within
 * the offset's horizon whose step for this offset and their current start is not taken yet, at most
 * `limit` (visits_booked_starts_at_idx, then the rule_steps primary key per visit); the horizon is
 * generous and the exact time is per visit. (Not a cut-off at the first one not due: in working
 * time without `at`, a Sunday visit's reminder can fall after a later Monday visit's.)
 */
export async function dueVisitReminders(
  db: Database,
  rule: Pick<Rule, "id">,
  definition: ReminderRule,
  offset: string,
  now: Date,
  limit: number,
): Promise<Visit[]> {
  const horizon = new Date(now.getTime() + reminderHorizonDays(definition, offset) * 86_400_000);
  const officerPart = definition.recipient === "officer" ? sql`|| '@' || ${visits.officerUserId}::text` : sql``;
  const step = sql`${offset} || '@' || to_char(${visits.startsAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') ${officerPart}`;
  const listed = await db
    .select()
    .from(visits)
    .where(
      and(
        eq(visits.status, "booked"),
        gt(visits.startsAt, now),
        lte(visits.startsAt, horizon),
        definition.visitKind ? eq(visits.kind, definition.visitKind) : undefined,
        sql`not exists (select 1 from ${ruleSteps} s where s.rule_id = ${rule.id} and s.subject_type = 'visit'
              and s.subject_id = ${visits.id}::text and s.step = ${step})`,
      ),
    )
    .orderBy(asc(visits.startsAt), asc(visits.id))
    .limit(limit);
  return listed.filter((visit) => visitReminderTime(definition, offset, visit.startsAt) <= now);
}

type ReminderStep = {
  caller: ClientCaller;
  rule: Rule;
  definition: ReminderRule;
  offset: string;
  visit: Visit;
  now: Date;
};

/** One reminder of one visit, in its own transaction: claimed, then sent, skipped or superseded. */
async function remindOnce(tx: Database, step: ReminderStep): Promise<"sent" | "skipped" | "none"> {
  const { rule, definition, offset, now } = step;
  const [visit] = await tx
    .select()
    .from(visits)
    .where(eq(visits.id, step.visit.id))
    .for("update", { skipLocked: true });
  // Cancelled, moved or being changed since it was listed: the next run sees it as it is.
  if (!visit || visit.status !== "booked" || visit.startsAt <= now) return "none";
  if (visit.startsAt.getTime() !== step.visit.startsAt.getTime()) return "none";
  if (visit.officerUserId !== step.visit.officerUserId) return "none";
  const officer = definition.recipient === "officer" ? visit.officerUserId : null;
  const key = {
    ruleId: rule.id,
    subjectType: "visit",
    subjectId: visit.id,
    step: visitReminderStep(offset, visit.startsAt, officer),
  };
  if (!(await claimRuleStep(tx, key))) return "none";
  const later = laterDueOffset(definition, offset, visit.startsAt, now);

  const resident = await personById(tx, visit.residentUserId);
  const facts: VisitFacts = {
    kind: visit.kind,
    startsAt: visit.startsAt,
    property: propertyInWords(resident?.addressLines ?? [], resident?.postcode ?? null),
    residentName: resident?.name ?? "the resident",
  };
  const made: Made = later
    ? { explanation: supersededExplanation(later) }
    : definition.recipient === "officer"
      ? await remindOfficer(tx, step, visit, facts)
      : await remindResident(tx, step, visit, facts, resident);
  if ("notificationId" in made) {
    await recordStepNotification(tx, key, made.notificationId);
    await publishEvents(tx, [visitRemindedEvent(visit, { notificationId: made.notificationId, at: now })], now);
  }
  // Every automatic step is explained on the property's timeline, where the visit's own history is.
  await recordActivities(tx, step.caller, [
    {
      targetType: "asset",
      targetId: visit.propertyId,
      type: "update",
      createdAt: now,
      oldData: null,
      newData: { visitId: visit.id, visitReminder: `${rule.name} (${offset}): ${made.explanation}` },
      sourceDomain: "Visits",
    },
  ]);
  return "notificationId" in made ? "sent" : "skipped";
}

/** A later offset (nearer the visit) of the same rule that is also due: then only that one is sent. */
export function laterDueOffset(
  definition: ReminderRule,
  offset: string,
  startsAt: Date,
  now: Date,
): string | undefined {
  const mine = visitReminderTime(definition, offset, startsAt);
  return definition.offsets.find((other) => {
    const theirs = visitReminderTime(definition, other, startsAt);
    return theirs > mine && theirs <= now;
  });
}

/** What the timeline says of a reminder passed over for a later one (the dry run says the same). */
export const supersededExplanation = (later: string) =>
  `not sent: the sweep ran late and the ${later} reminder, nearer the visit, is due too`;
export const officerReminderExplanation = "reminder put in the officer's inbox";

type Made = { notificationId: string; explanation: string } | { explanation: string };

/** The officer's item in their inbox, linked to the property's timeline. */
async function remindOfficer(tx: Database, step: ReminderStep, visit: Visit, facts: VisitFacts): Promise<Made> {
  const body = inboxNoticeBody({
    category: step.definition.category,
    message: officerReminderText(facts),
    recipient: { userId: visit.officerUserId },
    targetType: "asset",
    targetId: visit.propertyId,
  });
  const [created] = await createRuleNotifications(tx, step.caller, [body]);
  return { notificationId: created!.notification.id, explanation: officerReminderExplanation };
}

/**
 * The resident's reminder by the channel residentChannel chooses (visit-reminder-channel.ts),
 * addressed `{ userId }` so Notify gets their details from the directory at send time; when no
 * channel can be used, nothing is sent and the timeline says why.
 */
async function remindResident(
  tx: Database,
  step: ReminderStep,
  visit: Visit,
  facts: VisitFacts,
  resident: Person | undefined,
): Promise<Made> {
  const choice = residentChannel(resident);
  if (!("channel" in choice)) return choice;
  const { channel, serviceKey, explanation, resident: person } = choice;
  const message = residentReminderText(facts);
  const personalisation =
    channel === "letter"
      ? {
          recipient_name: person.name,
          property: facts.property,
          visit_date: formatLetterDate(facts.startsAt),
          work: visit.kind,
          summary: message,
        }
      : {
          recipient_name: person.name,
          title: `${visit.kind} visit`,
          summary: message,
          urgent: "no",
          action_url: getSettings().server.publicUrl,
        };
  const body = createNotificationBodySchema.parse({
    notificationType: notificationTypeOf[channel],
    category: step.definition.category,
    message,
    recipient: { userId: person.id },
    targetType: "asset",
    targetId: visit.propertyId,
    serviceKey,
    templateId: templateFor(channel),
    personalisationParams: personalisation,
  });
  const [created] = await createRuleNotifications(tx, step.caller, [body]);
  return { notificationId: created!.notification.id, explanation };
}

function formatLetterDate(at: Date): string {
  const { date, time } = londonDateAndTime(at);
  return `${date} at ${time}`;
}
