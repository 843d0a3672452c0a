import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { eventPayload, eventTypeNames, eventTypes, matchesFilters } from "./event-types";

const delivery = {
  notificationId: randomUUID(),
  notificationType: "Text",
  category: "repairs",
  targetType: "workOrder",
  targetId: "WO-1",
  serviceKey: "housing",
  deliveryId: randomUUID(),
  channel: "sms",
  status: "permanent-failure",
  reason: "Number not in service",
  notifyId: randomUUID(),
  updatedAt: "2026-12-01T10:00:00.000Z",
};

describe("the event-type catalogue", () => {
  it("builds the webhook body { type, timestamp, data } and refuses data that breaks the schema", () => {
    const at = new Date("2026-12-01T10:00:01Z");
    expect(eventPayload("delivery.updated", at, delivery)).toEqual({
      type: "delivery.updated",
      timestamp: "2026-12-01T10:00:01.000Z",
      data: delivery,
    });
    expect(() => eventPayload("delivery.updated", at, { ...delivery, status: "lost" })).toThrow();
  });

  // Every filter a subscription may set must have a value in the event to be compared with, or it
  // would silently match nothing.
  it.each(eventTypeNames)("%s gives a value for every filter it accepts", (type) => {
    const definition = eventTypes[type];
    const sample = Object.fromEntries(Object.keys(definition.data.shape).map((key) => [key, `${key}-value`]));
    const facets: Record<string, string | undefined> = definition.facetsOf(sample);
    for (const filter of definition.filters) expect(facets[filter], filter).toBeDefined();
  });

  it.each([
    [{}, true],
    [{ category: "repairs" }, true],
    [{ category: "repairs", status: "permanent-failure" }, true],
    [{ category: "rent-arrears" }, false],
    [{ status: "delivered" }, false],
    [{ targetId: "WO-2" }, false],
  ])("a subscription filtered by %j hears the failed text: %s", (filters, expected) => {
    expect(matchesFilters(filters, eventTypes["delivery.updated"].facetsOf(delivery))).toBe(expected);
  });
});
