import type { ActivityTargetType } from "@/db/schema";
import { mappingFor } from "@/lib/activity/entity-events";
import type { EntityEvent } from "@/lib/activity/schemas";
import type { EventRule } from "../definitions";
import { uuidPattern } from "@/lib/format/uuid";

/** An event as the rules see it: the platform event with the record type it was stored against. */
export type RuleEvent = EntityEvent & { targetType: ActivityTargetType };

/** The council spells event types with and without the "Event" suffix; rules match either. */
const canonical = (eventType: string) => (eventType.endsWith("Event") ? eventType : `${eventType}Event`);

/** The event with its record type, or null for an event the history does not store (ignored or unknown). */
export function toRuleEvent(event: EntityEvent): RuleEvent | null {
  const mapping = mappingFor(event.eventType);
  if (!mapping || mapping === "ignored") return null;
  return { ...event, targetType: mapping.targetType };
}

function valueAt(data: unknown, path: string): unknown {
  let value: unknown = data;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * Whether an event fits a rule's match: the same event type (either spelling), the same record
 * type, and every named newData field equal (a dotted name follows nested objects; null matches
 * only null, and a missing field never matches).
 */
export function eventMatches(match: EventRule["match"], event: RuleEvent): boolean {
  if (match.eventType !== undefined && canonical(match.eventType) !== canonical(event.eventType)) return false;
  if (match.targetType !== undefined && match.targetType !== event.targetType) return false;
  const newData = event.eventData?.newData ?? {};
  return Object.entries(match.newData ?? {}).every(([path, expected]) => valueAt(newData, path) === expected);
}

/** What a rule's message template can name: the event's own fields, its record type, and its old and new data. */
export function templateDataOf(event: RuleEvent): Record<string, unknown> {
  return {
    id: event.id,
    eventType: event.eventType,
    entityId: event.entityId,
    targetType: event.targetType,
    sourceDomain: event.sourceDomain,
    dateTime: event.dateTime,
    user: event.user,
    newData: event.eventData?.newData ?? {},
    oldData: event.eventData?.oldData ?? {},
  };
}

/**
 * The property (the council's asset id) an event is about, or null. An asset event is about its
 * entityId. Other events name it in newData: the council's cautionary-alert API publishes the
 * alert with the person's id as entityId and the property under `assetDetails.id` (the shape of its
 * create request), so entityId is never taken for a property unless the record is an asset; flat
 * `assetId` and `propertyId` are accepted as other services send them.
 */
export function propertyIdOf(event: RuleEvent): string | null {
  if (event.targetType === "asset") return event.entityId;
  const newData = event.eventData?.newData ?? {};
  for (const path of ["assetDetails.id", "assetId", "propertyId"]) {
    const value = valueAt(newData, path);
    if (typeof value === "string" && uuidPattern.test(value)) return value.toLowerCase();
  }
  return null;
}
