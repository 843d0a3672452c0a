import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { activities } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { callRoute } from "@/lib/testing/call-route";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";
import * as events from "./route";

const database = setUpTestDatabase();
let demo: DemoCallers;

beforeAll(async () => {
  demo = await setUpDemoCallers(database.handle.db);
});

describe("POST /api/v1/events", () => {
  // An hour ago on the second, sent without milliseconds: stored and answered with them.
  const happenedAt = new Date(Math.floor((Date.now() - 3_600_000) / 1000) * 1000);
  const event = (overrides: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    eventType: "PersonUpdatedEvent",
    sourceDomain: "Person",
    sourceSystem: "PersonAPI",
    version: "v1",
    correlationId: randomUUID(),
    dateTime: happenedAt.toISOString().replace(".000Z", "Z"),
    user: { name: "Hana Osei", email: "hana.osei@council.example" },
    entityId: randomUUID(),
    eventData: { oldData: { surname: "Smith" }, newData: { surname: "Smyth" } },
    ...overrides,
  });
  const send = (body: unknown) =>
    callRoute(events.POST, "POST", "/api/v1/events", { headers: demo.serviceHeaders, body });

  it.each([
    ["PersonUpdatedEvent", "update", "person"],
    ["PersonAddedToTenureEvent", "create", "tenurePerson"],
    ["PersonRemovedFromTenureEvent", "delete", "tenurePerson"],
    ["ProcessStartedAgainstTenureEvent", "create", "tenure"],
    ["CautionaryAlertEndedEvent", "end", "cautionaryAlert"],
    ["PatchOrAreaResEntityEditedEvent", "update", "patchesAndAreas"],
    ["ContactDetailAdded", "create", "contactDetails"],
  ])("maps %s to %s on %s", async (eventType, type, targetType) => {
    const body = event({ eventType });
    const { status, json } = await send(body);
    expect(status).toBe(201);
    expect(json.activity).toMatchObject({
      id: body.id,
      type,
      targetType,
      targetId: body.entityId,
      createdAt: happenedAt.toISOString(),
      authorDetails: { id: expect.any(String), fullName: "demo-service", email: "demo-service@api-clients.invalid" },
      onBehalfOf: { fullName: "Hana Osei", email: "hana.osei@council.example" },
      sourceDomain: "Person",
    });
  });

  it("stores nothing new when an event is delivered again", async () => {
    const body = event();
    await send(body);
    const again = await send(body);
    expect(again.status).toBe(200);
    expect(again.json.outcome).toBe("duplicate");
    expect(
      await database.handle.db.select().from(activities).where(eq(activities.targetId, body.entityId)),
    ).toHaveLength(1);
  });

  it("accepts and skips the event types the council's listener ignores", async () => {
    const body = event({ eventType: "ContactDetailEditedEvent" });
    const { status, json } = await send(body);
    expect(status).toBe(202);
    expect(json.outcome).toBe("ignored");
    expect(
      await database.handle.db.select().from(activities).where(eq(activities.targetId, body.entityId)),
    ).toHaveLength(0);
  });

  it("answers 400 naming an unknown event type", async () => {
    const { status, json } = await send(event({ eventType: "SpaceshipLandedEvent" }));
    expect(status).toBe(400);
    expect(json.detail).toContain("SpaceshipLandedEvent");
    expect(json.errors[0].path).toBe("eventType");
  });
});
