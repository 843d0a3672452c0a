import { z } from "zod";
import "zod-openapi";
import {
  activityTargetTypes,
  activityTypes,
  deliveryChannels,
  notificationTypes,
  recordableActionTypes,
} from "@/db/schema";
import type { SubscriptionFilters } from "@/db/schema";
import { deliveryStatuses } from "@/lib/delivery/statuses";

// The events a client service may subscribe to (issue 13), each with the `data` it carries and the
// filters that narrow it. Payloads are thin, as Standard Webhooks advises where reading is audited:
// ids, types, statuses and the category; a receiver fetches the rest through the API, where its
// scopes apply. Every webhook body is `{ type, timestamp, data }`.

export const filterNames = ["category", "notificationType", "targetType", "targetId", "serviceKey", "status"] as const;
export type FilterName = (typeof filterNames)[number];

const when = (description: string) => z.string().meta({ description: `${description} (ISO 8601)` });
const nullableText = (description: string) => z.string().nullable().meta({ description });

/** What every event about a notification says of it: enough to filter on and to fetch it by id. */
const aboutNotification = {
  notificationId: z.uuid(),
  notificationType: z.enum(notificationTypes),
  category: nullableText("The notification's category, e.g. rent-arrears"),
  targetType: nullableText("What the notification is about, as its sender named it"),
  targetId: nullableText("The id of what it is about"),
  serviceKey: nullableText("The GOV.UK Notify service it is sent through"),
};

export type EventTypeDefinition = {
  description: string;
  data: z.ZodObject;
  /** The filters a subscription to this event type may set. */
  filters: readonly FilterName[];
  /** What the `status` filter compares, for the event types that take it, and the values it may take. */
  statusMeans?: string;
  statusValues?: readonly string[];
  /** The values a subscription's filters are compared with, from an event's data (the publisher, part 2). */
  facetsOf: (data: Record<string, unknown>) => SubscriptionFilters;
};

const notificationFacets = (data: Record<string, unknown>): SubscriptionFilters => ({
  category: text(data.category),
  notificationType: text(data.notificationType),
  targetType: text(data.targetType),
  targetId: text(data.targetId),
  serviceKey: text(data.serviceKey),
});
const notificationFilters = ["category", "notificationType", "targetType", "targetId", "serviceKey"] as const;

export const eventTypes = {
  "notification.created": {
    description: "A notification was created (by the API, a batch, or one of the centre's rules).",
    data: z.object({ ...aboutNotification, requireAction: z.boolean(), createdAt: when("When it was created") }),
    filters: notificationFilters,
    facetsOf: notificationFacets,
  },
  "notification.actioned": {
    description: "Someone recorded an action on a notification: Approved, Rejected, Validate, Initiated or IsRead.",
    data: z.object({
      ...aboutNotification,
      actionType: z.enum(recordableActionTypes),
      actionNote: nullableText("The note recorded with the action"),
      performedBy: z.string().meta({ description: "Who acted, by name" }),
      performedAt: when("When they acted"),
    }),
    filters: [...notificationFilters, "status"],
    statusMeans: `the action type: ${recordableActionTypes.join(", ")}`,
    statusValues: recordableActionTypes,
    facetsOf: (data) => ({ ...notificationFacets(data), status: text(data.actionType) }),
  },
  "notification.escalated": {
    description: "An escalation rule sent a notification nobody acted on to the managers of its audience.",
    data: z.object({
      ...aboutNotification,
      escalatedAt: when("When it was escalated"),
      escalatedTo: z.string().meta({ description: 'Whom it went to, e.g. "Finance managers"' }),
      notActedOnFor: z.string().meta({ description: 'How long nobody had acted on it, e.g. "2 working days"' }),
    }),
    filters: notificationFilters,
    facetsOf: notificationFacets,
  },
  "delivery.updated": {
    description:
      "An email, text or letter of a notification changed status: sent to GOV.UK Notify, delivered, failed (with Notify's reason), cancelled.",
    data: z.object({
      ...aboutNotification,
      deliveryId: z.uuid(),
      channel: z.enum(deliveryChannels),
      status: z
        .enum(deliveryStatuses)
        .meta({ description: "The delivery's status, in GOV.UK Notify's words once it holds the message" }),
      reason: nullableText("Why it failed, e.g. the number is not in service; null unless it failed"),
      notifyId: nullableText("GOV.UK Notify's id for the message, once it has one"),
      updatedAt: when("When the status changed"),
    }),
    filters: [...notificationFilters, "status"],
    statusMeans: "the delivery's status, e.g. delivered, permanent-failure",
    statusValues: deliveryStatuses,
    facetsOf: (data) => ({ ...notificationFacets(data), status: text(data.status) }),
  },
  "activity.created": {
    description: "An activity was recorded in a record's history (a tenure, a person, a work order …).",
    data: z.object({
      activityId: z.uuid(),
      type: z.enum(activityTypes),
      targetType: z.enum(activityTargetTypes),
      targetId: z.string(),
      createdAt: when("When it happened"),
    }),
    filters: ["targetType", "targetId", "status"],
    statusMeans: `the activity's type: ${activityTypes.join(", ")}`,
    statusValues: activityTypes,
    facetsOf: (data) => ({ targetType: text(data.targetType), targetId: text(data.targetId), status: text(data.type) }),
  },
  "visit.reminded": {
    description: "A reminder of an officer's visit to a resident went out (the visit-reminder rule).",
    data: z.object({
      visitId: z.uuid(),
      propertyId: z.uuid().meta({ description: "The property's asset id" }),
      officerUserId: z.uuid(),
      startsAt: when("When the visit starts"),
      kind: z.string().meta({ description: "What the visit is for, e.g. gas safety check" }),
    }),
    filters: ["targetType", "targetId"],
    // Visits are audited on the property, so a visit is "about" an asset, as in activity history.
    facetsOf: (data) => ({ targetType: "asset", targetId: text(data.propertyId) }),
  },
} satisfies Record<string, EventTypeDefinition>;

export type EventType = keyof typeof eventTypes;
export const eventTypeNames = Object.keys(eventTypes) as [EventType, ...EventType[]];

export function isEventType(name: string): name is EventType {
  return Object.hasOwn(eventTypes, name);
}

/** A subscription hears an event when every filter it set equals the event's value. */
export function matchesFilters(filters: SubscriptionFilters, facets: SubscriptionFilters): boolean {
  return filterNames.every((name) => filters[name] === undefined || filters[name] === facets[name]);
}

/** The webhook body for an event, `{ type, timestamp, data }`, with `data` checked against the catalogue. */
export function eventPayload<Type extends EventType>(type: Type, timestamp: Date, data: unknown) {
  return { type, timestamp: timestamp.toISOString(), data: eventTypes[type].data.parse(data) };
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}
