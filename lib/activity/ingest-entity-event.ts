import type { Database } from "@/db/client";
import { ApiError } from "@/lib/api/errors";
import type { Caller } from "@/lib/auth/caller";
import { runEventRules } from "@/lib/rules/engine/run-event-rules";
import { createActivities } from "./create-activities";
import { mappingFor } from "./entity-events";
import type { ActivityResponse, EntityEvent } from "./schemas";
import { currentActivityTimeWindow, refuseTimesOutsideWindow, type ActivityTimeWindow } from "./time-window";

export type IngestResult =
  | { outcome: "stored" | "duplicate"; activity: ActivityResponse; notificationsCreated: string[] }
  | { outcome: "ignored"; eventType: string };

export type IngestOptions = { window?: ActivityTimeWindow; now?: Date };

/**
 * Turns a platform entity event into one activity, as the council's listener does. The event id
 * becomes the activity id, so a redelivered event stores nothing new. The caller that delivers the
 * event is the author; the event's user is the person it acted for. A newly stored event then runs
 * the enabled event rules in the same transaction (a duplicate runs none).
 */
export async function ingestEntityEvent(
  tx: Database,
  caller: Caller,
  event: EntityEvent,
  options: IngestOptions = {},
): Promise<IngestResult> {
  const window = options.window ?? currentActivityTimeWindow();
  const mapping = mappingFor(event.eventType);
  if (mapping === "ignored") return { outcome: "ignored", eventType: event.eventType };
  if (!mapping) {
    throw new ApiError("bad_request", `Unknown event type ${event.eventType}`, {
      errors: [{ path: "eventType", message: `${event.eventType} is not an event type this service records` }],
    });
  }
  refuseTimesOutsideWindow([{ path: "dateTime", value: event.dateTime }], window);
  const { created, activities } = await createActivities(
    tx,
    caller,
    [
      {
        id: event.id,
        type: mapping.type,
        targetType: mapping.targetType,
        targetId: event.entityId,
        createdAt: event.dateTime,
        oldData: event.eventData?.oldData ?? null,
        newData: event.eventData?.newData ?? null,
        onBehalfOf: { fullName: event.user.name, email: event.user.email },
        sourceDomain: event.sourceDomain,
      },
    ],
    { eventType: event.eventType },
  );
  if (created !== 1) return { outcome: "duplicate", activity: activities[0]!, notificationsCreated: [] };
  const notificationsCreated = await runEventRules(
    tx,
    { ...event, targetType: mapping.targetType },
    { now: options.now },
  );
  return { outcome: "stored", activity: activities[0]!, notificationsCreated };
}
