import { and, asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { rules, type Rule } from "@/db/schema";
import { recordActivities } from "@/lib/activity/record-activity";
import type { ClientCaller } from "@/lib/auth/caller";
import { logger } from "@/lib/logging/logger";
import { eventRuleSchema, type EventRule } from "../definitions";
import { renderTemplate } from "../template";
import { claimRuleStep, recordStepNotification } from "./claim-step";
import { createRuleNotifications } from "./create-rule-notifications";
import { resolveEventAudience, teamExists, type RuleRecipient } from "./event-rule-audience";
import { inboxNoticeBody } from "./inbox-notice-body";
import { eventMatches, templateDataOf, type RuleEvent } from "./event-rule-match";
import { rulesCaller } from "./rules-caller";

export type EnabledEventRule = { rule: Rule; definition: EventRule };

/**
 * The enabled event rules, by name. One small query per event: the rules table holds tens of rows,
 * so a cache would save well under a millisecond and cost a staleness window after every edit
 * (measured in lib/bench/rules-events.ts). A stored definition that no longer parses is skipped.
 */
export async function listEnabledEventRules(db: Database): Promise<EnabledEventRule[]> {
  const rows = await db
    .select()
    .from(rules)
    .where(and(eq(rules.kind, "event"), eq(rules.enabled, true)))
    .orderBy(asc(rules.name));
  return rows.flatMap((rule) => {
    const parsed = eventRuleSchema.safeParse(rule.definition);
    if (parsed.success) return [{ rule, definition: parsed.data }];
    logger.warn({ ruleId: rule.id }, "event rule definition does not parse; skipped");
    return [];
  });
}

/** The message a rule makes from an event; a field the event lacks is left empty, as a message must still go. */
export function eventRuleMessage(definition: EventRule, event: RuleEvent): string {
  return renderTemplate(definition.message, templateDataOf(event), "empty").trim().slice(0, 2000);
}

/** The notification body a rule makes for one recipient, as the notifications API would take it. */
export function eventRuleNotificationBody(definition: EventRule, event: RuleEvent, recipient: RuleRecipient) {
  return inboxNoticeBody({
    category: definition.category,
    message: eventRuleMessage(definition, event) || definition.category,
    recipient,
    targetType: event.targetType,
    targetId: event.entityId,
    requireAction: definition.requiresAction,
  });
}

export type RunEventRulesOptions = { now?: Date; caller?: ClientCaller; rules?: EnabledEventRule[] };

/**
 * Runs every enabled event rule that matches a newly stored event, in the ingest's transaction, so
 * the event and its notifications commit together. Each rule acts once per event id
 * (claimRuleStep), so a redelivered event makes nothing new. Notifications go through the create
 * pipeline as the rules' own client; each one's history says which rule made it and from which
 * event. Each rule runs in a savepoint: a rule that fails (a recipient over their hourly cap, a
 * definition the directory no longer fits) is logged and left unclaimed, and the event is stored
 * all the same, because losing the council's record for a notice would be the worse failure.
 * Returns the ids of the notifications made.
 */
export async function runEventRules(tx: Database, event: RuleEvent, options: RunEventRulesOptions = {}) {
  const candidates = (options.rules ?? (await listEnabledEventRules(tx))).filter(({ definition }) =>
    eventMatches(definition.match, event),
  );
  if (candidates.length === 0) return [];
  const now = options.now ?? new Date();
  const caller = options.caller ?? (await rulesCaller(tx));
  const created: string[] = [];
  for (const candidate of candidates) {
    try {
      created.push(...(await tx.transaction((savepoint) => runRule(savepoint, candidate, event, now, caller))));
    } catch (error) {
      logger.warn({ err: error, ruleId: candidate.rule.id, eventId: event.id }, "event rule failed; event kept");
    }
  }
  return created;
}

async function runRule(
  tx: Database,
  { rule, definition }: EnabledEventRule,
  event: RuleEvent,
  now: Date,
  caller: ClientCaller,
): Promise<string[]> {
  const key = { ruleId: rule.id, subjectType: "event", subjectId: event.id, step: "notify" };
  if (!(await claimRuleStep(tx, key))) return [];
  const { recipients, reason } = await resolveEventAudience(tx, definition.audience, event, now);
  const bodies = [];
  for (const recipient of recipients) {
    if ("team" in recipient && !(await teamExists(tx, recipient.team))) {
      logger.warn({ ruleId: rule.id, team: recipient.team }, "event rule names a team that does not exist");
      continue;
    }
    bodies.push(eventRuleNotificationBody(definition, event, recipient));
  }
  const ids = (await createRuleNotifications(tx, caller, bodies)).map((made) => made.notification.id);
  if (ids.length === 0) return [];
  await recordStepNotification(tx, key, ids[0]!);
  await recordActivities(
    tx,
    caller,
    ids.map((id) => ({
      targetType: "notification" as const,
      targetId: id,
      type: "create" as const,
      newData: {
        madeByRule: { id: rule.id, name: rule.name },
        fromEvent: { id: event.id, eventType: event.eventType },
        sentTo: reason,
      },
      sourceDomain: "Rules",
    })),
  );
  return ids;
}
