import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as activityHistory from "@/app/api/v1/activityHistory/route";
import * as events from "@/app/api/v1/events/route";
import { activities, notificationReceipts, notifications, rules, ruleSteps, visits } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { callRoute } from "@/lib/testing/call-route";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";
import { ingestEntityEvent } from "@/lib/activity/ingest-entity-event";
import { entityEventSchema } from "@/lib/activity/schemas";
import { recipientLimiter } from "@/lib/api/rate-limit";
import { rulesCaller, rulesClientName } from "./rules-caller";

// Event rules end to end: POST /api/v1/events with the seeded rules (migration 0022) and rules made here.

const database = setUpTestDatabase();
const db = () => database.handle.db;
let demo: DemoCallers;

beforeAll(async () => {
  demo = await setUpDemoCallers(db());
});

const happenedAt = () => new Date(Math.floor((Date.now() - 60_000) / 1000) * 1000).toISOString();
const entityEvent = (eventType: string, newData: Record<string, unknown>, overrides: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  eventType,
  sourceDomain: "Test",
  dateTime: happenedAt(),
  user: { name: "Hana Osei", email: "hana.osei@council.example" },
  entityId: randomUUID(),
  eventData: { oldData: null, newData },
  ...overrides,
});
type EventResponse = { outcome: string; notificationsCreated: string[] };
const send = async (body: unknown) => {
  const response = await callRoute(events.POST, "POST", "/api/v1/events", { headers: demo.serviceHeaders, body });
  return { status: response.status, json: response.json as EventResponse };
};
const notificationsAbout = (targetId: string) =>
  db().select().from(notifications).where(eq(notifications.targetId, targetId));
const receiversOf = async (notificationId: string) =>
  (
    await db()
      .select({ userId: notificationReceipts.userId, actionRequired: notificationReceipts.actionRequired })
      .from(notificationReceipts)
      .where(eq(notificationReceipts.notificationId, notificationId))
  ).sort((a, b) => a.userId.localeCompare(b.userId));

async function addEventRule(name: string, definition: Record<string, unknown>, enabled = true) {
  const [rule] = await db().insert(rules).values({ name, kind: "event", enabled, definition }).returning();
  return rule!;
}

describe("event rules on POST /api/v1/events", () => {
  it("tells every finance team member of a new tenure, with the rendered message, linked to the tenure", async () => {
    const event = entityEvent("TenureCreatedEvent", { paymentReference: "PR-123456" });
    const { status, json } = await send(event);
    expect(status).toBe(201);
    expect(json.notificationsCreated).toHaveLength(1);
    const [made] = await notificationsAbout(event.entityId);
    expect(made).toMatchObject({
      id: json.notificationsCreated[0],
      category: "newTenure",
      message: "New tenure PR-123456: check its charges",
      targetType: "tenure",
      recipientTeam: "finance",
    });
    const finance = [demo.people.fiona!, demo.people.farid!, demo.people.grace!].map((person) => person.id).sort();
    expect((await receiversOf(made!.id)).map((receipt) => receipt.userId)).toEqual(finance);
  });

  it("says in the notification's history which rule made it, from which event, as the rules' client", async () => {
    const event = entityEvent("TenureCreatedEvent", { paymentReference: "PR-7" });
    const { json } = await send(event);
    const [seeded] = await db().select().from(rules).where(eq(rules.name, "New tenure: tell finance"));
    const history = await db()
      .select()
      .from(activities)
      .where(and(eq(activities.targetType, "notification"), eq(activities.targetId, json.notificationsCreated[0]!)));
    expect(history).toHaveLength(1);
    expect(history[0]!.newData).toMatchObject({
      madeByRule: { id: seeded!.id, name: "New tenure: tell finance" },
      fromEvent: { id: event.id, eventType: "TenureCreatedEvent" },
    });
    expect(history[0]!.authorDetails.fullName).toBe(rulesClientName);
  });

  it("makes nothing for an event no rule matches", async () => {
    const event = entityEvent("PersonCreatedEvent", { firstName: "Sam" });
    const { status, json } = await send(event);
    expect(status).toBe(201);
    expect(json.notificationsCreated).toEqual([]);
    expect(await notificationsAbout(event.entityId)).toHaveLength(0);
  });

  it("makes nothing for a disabled rule, and matches newData fields", async () => {
    await addEventRule(
      "Disabled: contract signed",
      {
        match: { eventType: "ContractCreatedEvent" },
        category: "newTenure",
        audience: { team: "finance" },
        message: "x",
      },
      false,
    );
    await addEventRule("Repairs contract", {
      match: { eventType: "ContractCreated", newData: { kind: "repairs", "terms.years": 3 } },
      category: "workOrderVariation",
      audience: { role: "repairs-manager" },
      message: "Repairs contract {{newData.reference}}",
    });
    const other = entityEvent("ContractCreatedEvent", { kind: "cleaning", terms: { years: 3 } });
    expect((await send(other)).json.notificationsCreated).toEqual([]);
    const repairs = entityEvent("ContractCreatedEvent", { kind: "repairs", reference: "C-9", terms: { years: 3 } });
    const { json } = await send(repairs);
    expect(json.notificationsCreated).toHaveLength(1);
    const [made] = await notificationsAbout(repairs.entityId);
    expect(made).toMatchObject({ message: "Repairs contract C-9", recipientRole: "repairs-manager" });
  });

  it("makes nothing more when the same event is delivered again", async () => {
    const event = entityEvent("TenureCreatedEvent", { paymentReference: "PR-2" });
    expect((await send(event)).json.notificationsCreated).toHaveLength(1);
    const again = await send(event);
    expect(again).toMatchObject({ status: 200, json: { outcome: "duplicate", notificationsCreated: [] } });
    expect(await notificationsAbout(event.entityId)).toHaveLength(1);
  });

  it("renders a template field the event lacks as empty, not as an error", async () => {
    const event = entityEvent("TenureCreatedEvent", {});
    const { status } = await send(event);
    expect(status).toBe(201);
    const [made] = await notificationsAbout(event.entityId);
    expect(made!.message).toBe("New tenure : check its charges");
  });

  it("tells the officer with a visit booked at the property in 5 days, with action required", async () => {
    const propertyId = randomUUID();
    await db()
      .insert(visits)
      .values({
        propertyId,
        residentUserId: demo.people.rosa!.id,
        officerUserId: demo.people.hana!.id,
        startsAt: new Date(Date.now() + 5 * 86_400_000),
        endsAt: new Date(Date.now() + 5 * 86_400_000 + 3_600_000),
        kind: "tenancy check",
        createdBy: "test",
      });
    const event = entityEvent("CautionaryAlertCreatedEvent", {
      alert: { code: "VA", description: "Verbal abuse" },
      assetDetails: { id: propertyId, fullAddress: "1 Test Street" },
    });
    const { json } = await send(event);
    expect(json.notificationsCreated).toHaveLength(1);
    const [made] = await notificationsAbout(event.entityId);
    expect(made).toMatchObject({
      category: "cautionaryContact",
      recipientUserId: demo.people.hana!.id,
      recipientTeam: null,
      requireAction: true,
      targetType: "cautionaryAlert",
      message: "Cautionary alert recorded at a property you are due to visit: Verbal abuse",
    });
    expect(await receiversOf(made!.id)).toEqual([{ userId: demo.people.hana!.id, actionRequired: true }]);
  });

  it("tells the housing officers' team when no visit is booked at the property", async () => {
    const event = entityEvent("CautionaryAlertCreatedEvent", {
      alert: { description: "Dog on site" },
      assetDetails: { id: randomUUID() },
    });
    const { json } = await send(event);
    expect(json.notificationsCreated).toHaveLength(1);
    const [made] = await notificationsAbout(event.entityId);
    expect(made).toMatchObject({ recipientTeam: "housing-officers", recipientUserId: null, requireAction: true });
  });

  it("writes the event, its notifications and the rule steps in one transaction: a rollback leaves none", async () => {
    const event = entityEvent("TenureCreatedEvent", { paymentReference: "PR-rollback" });
    const parsed = entityEventSchema.parse(event);
    let madeInside: string[] = [];
    await expect(
      db().transaction(async (tx) => {
        const result = await ingestEntityEvent(tx, await rulesCaller(tx), parsed);
        madeInside = result.outcome === "stored" ? result.notificationsCreated : [];
        throw new Error("the caller's transaction fails after the ingest");
      }),
    ).rejects.toThrow("fails after");
    expect(madeInside).toHaveLength(1);
    expect(await db().select().from(activities).where(eq(activities.id, event.id))).toHaveLength(0);
    expect(await db().select().from(notifications).where(inArray(notifications.id, madeInside))).toHaveLength(0);
    expect(await db().select().from(ruleSteps).where(eq(ruleSteps.subjectId, event.id))).toHaveLength(0);
    // Delivered again after the failure, it is made then, once.
    expect((await send(event)).json.notificationsCreated).toHaveLength(1);
  });

  it("runs on an activity posted to the activity API too, by record type and fields, once per activity id", async () => {
    await addEventRule("Urgent work order", {
      match: { targetType: "workOrder", newData: { priority: "urgent" } },
      category: "workOrderVariation",
      audience: { team: "repairs" },
      message: "Urgent work order {{newData.reference}}",
    });
    const activity = {
      id: randomUUID(),
      type: "update",
      targetType: "workOrder",
      targetId: randomUUID(),
      newData: { priority: "urgent", reference: "WO-1" },
      authorDetails: { fullName: "Hana Osei", email: "hana.osei@council.example" },
    };
    const post = (body: unknown) =>
      callRoute(activityHistory.POST, "POST", "/api/v1/activityHistory", { headers: demo.serviceHeaders, body });
    expect((await post(activity)).status).toBe(201);
    expect((await post(activity)).status).toBe(201);
    await post({ ...activity, id: randomUUID(), newData: { priority: "routine" } });
    const made = await notificationsAbout(activity.targetId);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({
      message: "Urgent work order WO-1",
      recipientTeam: "repairs",
      targetType: "workOrder",
    });
  });
  it("obeys the per-recipient cap like any caller: a capped rule is skipped and left unclaimed, and the event is kept", async () => {
    const { id: rulesId } = await rulesCaller(db());
    const capKey = `client:${rulesId}|person:${demo.people.farid!.id}`;
    const room = await recipientLimiter.remaining(db(), capKey);
    if (room === 0) throw new Error("the cap was already spent");
    await recipientLimiter.consumeAll(db(), new Map([[capKey, room]]));
    try {
      const event = entityEvent("TenureCreatedEvent", { paymentReference: "PR-capped" });
      const { status, json } = await send(event);
      expect(status).toBe(201);
      expect(json.notificationsCreated).toEqual([]);
      expect(await db().select().from(activities).where(eq(activities.id, event.id))).toHaveLength(1);
      expect(await notificationsAbout(event.entityId)).toHaveLength(0);
      expect(await db().select().from(ruleSteps).where(eq(ruleSteps.subjectId, event.id))).toHaveLength(0);
    } finally {
      // Negative uses give the room back.
      await recipientLimiter.consumeAll(db(), new Map([[capKey, -room]]));
    }
    // With room again, the same kind of event reaches the whole team.
    const later = entityEvent("TenureCreatedEvent", { paymentReference: "PR-uncapped" });
    expect((await send(later)).json.notificationsCreated).toHaveLength(1);
  });
});
