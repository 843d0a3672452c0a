import { inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { activities, type NewActivity } from "@/db/schema";
import { actorOf } from "@/lib/auth/actor";
import type { Caller } from "@/lib/auth/caller";
import type { CreateActivitiesBody, CreateActivityBody } from "./schemas";
import { currentActivityTimeWindow, refuseTimesOutsideWindow, type ActivityTimeWindow } from "./time-window";
import { toActivityResponse } from "./to-response";
import { runEventRules } from "@/lib/rules/engine/run-event-rules";
import type { RuleEvent } from "@/lib/rules/engine/event-rule-match";
import type { ActivityResponse } from "./schemas";
import { trackRecordState } from "./track-record-state";
import { activityCreatedEvent } from "@/lib/subscriptions/activity-events";
import { publishEvents } from "@/lib/subscriptions/publish";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * POST /api/v1/activityHistory's body, one activity or an array: refused whole if any createdAt is
 * outside the window, otherwise stored in one transaction and answered in the shape it was sent.
 */
export async function createPostedActivities(
  db: Database,
  caller: Caller,
  body: CreateActivitiesBody,
  window: ActivityTimeWindow = currentActivityTimeWindow(),
) {
  const bodies = Array.isArray(body) ? body : [body];
  refuseTimesOutsideWindow(
    bodies.map((activity, index) => ({
      path: Array.isArray(body) ? `${index}.createdAt` : "createdAt",
      value: activity.createdAt,
    })),
    window,
  );
  const { activities } = await db.transaction(async (tx) => {
    const result = await createActivities(tx, caller, bodies);
    // A newly stored activity runs the event rules that match by record type and fields (it has no
    // event type), in this transaction; an id already stored runs none.
    const inserted = new Set(result.insertedIds);
    for (const activity of result.activities.filter((stored) => inserted.has(stored.id)))
      await runEventRules(tx, activityAsRuleEvent(activity));
    return result;
  });
  return Array.isArray(body) ? activities : activities[0]!;
}

/**
 * Stores activities posted by a caller, who is their author. A person the body names (onBehalfOf,
 * or the council's authorDetails) is recorded as the one the caller acted for, never as the author.
 * An `id` that is already stored is kept as it was (a redelivered event stores nothing new), and
 * the answer lists every activity as stored, in the order sent. `eventType` names the council event
 * the activities came from, so a closing one (ProcessClosedEvent) closes the record for stalled rules.
 */
export async function createActivities(
  tx: Database,
  caller: Caller,
  bodies: CreateActivityBody[],
  options: { eventType?: string } = {},
) {
  const author = actorOf(caller).author;
  const rows: (NewActivity & { id: string })[] = bodies.map((body) => {
    const createdAt = body.createdAt ? new Date(body.createdAt) : new Date();
    const ttl = body.timetoLiveForRecord ?? 0;
    return {
      id: body.id ?? crypto.randomUUID(),
      type: body.type,
      targetType: body.targetType,
      targetId: body.targetId,
      createdAt,
      oldData: body.oldData ?? null,
      newData: body.newData ?? null,
      authorDetails: author,
      onBehalfOf: body.onBehalfOf ?? body.authorDetails ?? null,
      sourceDomain: body.sourceDomain ?? null,
      timetoLiveForRecord: ttl,
      expiresAt: ttl > 0 ? new Date(createdAt.getTime() + ttl * DAY_MS) : null,
    };
  });
  const inserted = await tx.insert(activities).values(rows).onConflictDoNothing({ target: activities.id }).returning({
    id: activities.id,
    type: activities.type,
    targetType: activities.targetType,
    targetId: activities.targetId,
    createdAt: activities.createdAt,
  });
  // Only what was newly stored moves a record on (a redelivered event was counted the first time)
  // and is heard by subscribers.
  await trackRecordState(tx, inserted, options.eventType);
  await publishEvents(tx, inserted.map(activityCreatedEvent));
  const stored = await tx
    .select()
    .from(activities)
    .where(
      inArray(
        activities.id,
        rows.map((row) => row.id),
      ),
    );
  const byId = new Map(stored.map((activity) => [activity.id, activity]));
  return {
    created: inserted.length,
    insertedIds: inserted.map((row) => row.id),
    activities: [...new Set(rows.map((row) => row.id))].map((id) => toActivityResponse(byId.get(id)!)),
  };
}

/** A posted activity as the event rules see it: no event type, its record, its data and who it was for. */
function activityAsRuleEvent(activity: ActivityResponse): RuleEvent {
  const person = activity.onBehalfOf ?? activity.authorDetails;
  return {
    id: activity.id,
    eventType: "",
    entityId: activity.targetId,
    targetType: activity.targetType,
    dateTime: activity.createdAt,
    sourceDomain: activity.sourceDomain ?? undefined,
    user: { name: person.fullName, email: person.email },
    eventData: { oldData: activity.oldData, newData: activity.newData },
  };
}
