import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { deliveries, users } from "@/db/schema";
import { demoIds } from "@/db/seed/demo-people";
import { visitDueFields } from "@/lib/notifications/testing/bodies";
import { errorPaths, idsOf, notificationRoutes } from "@/lib/notifications/testing/notification-routes";
import { setUpNotificationsApi } from "@/lib/notifications/testing/set-up-notifications-api";
import { notifyTemplateIds } from "@/lib/notify-simulator";

// POST /api/v1/notifications with recipient { residentsOf: { propertyId } }: every active resident
// linked to the property (a flat, or the block it is in), each by their preferred channel when the
// request allows it, else the first allowed channel the directory has a detail for. The demo block
// holds Rosa (prefers email) and Tom (prefers letters); this file adds Sam (prefers texts), Nell
// (no contact details at all) and Dora (disabled).

const { database, demo } = setUpNotificationsApi({ notify: true });
const { post, list } = notificationRoutes;
const block = { residentsOf: { propertyId: demoIds.blockProperty } };

const allChannels = {
  notificationType: "Text",
  requireEmailNotification: true,
  requireLetter: true,
  serviceKey: "housing",
  emailTemplateId: notifyTemplateIds.email.visitDue,
  smsTemplateId: notifyTemplateIds.sms.visitDue,
  letterTemplateId: notifyTemplateIds.letter.visitDue,
  personalisationParams: visitDueFields,
  recipient: block,
};

let sam: string;
let nell: string;

beforeAll(async () => {
  const resident = (name: string, values: Partial<typeof users.$inferInsert>) =>
    database.handle.db
      .insert(users)
      .values({ kind: "resident", name, roles: ["resident"], propertyIds: [demoIds.blockProperty], ...values })
      .returning()
      .then(([row]) => row!.id);
  sam = await resident("Sam Okafor", { mobileNumber: "07700900301", preferredChannel: "sms" });
  nell = await resident("Nell Quinn", {});
  await resident("Dora Gone", { mobileNumber: "07700900302", disabledAt: new Date() });
});

const channelsByPerson = async (notificationId: string) => {
  const rows = await database.handle.db.select().from(deliveries).where(eq(deliveries.notificationId, notificationId));
  return Object.fromEntries(rows.map((row) => [row.userId!, row.channel]));
};

describe("POST /api/v1/notifications to the residents of a property", () => {
  it("reaches each active resident of a block by their preferred channel and lists whom it cannot reach", async () => {
    const { status, json } = await post(demo.serviceHeaders, allChannels);
    expect(status, JSON.stringify(json)).toBe(201);
    expect(json.recipient).toEqual(block);
    expect(await channelsByPerson(json.id)).toEqual({
      [demo.people.rosa!.id]: "email",
      [demo.people.tom!.id]: "letter",
      [sam]: "sms",
    });
    expect(json.deliveries).toHaveLength(3);
    expect(json.unreachable).toEqual([
      { userId: nell, reason: "Has no mobile number, email address or postal address" },
    ]);
  });

  it("falls back to the first allowed channel the resident has a detail for", async () => {
    const { status, json } = await post(demo.serviceHeaders, {
      ...allChannels,
      requireEmailNotification: false,
      requireLetter: false,
    });
    expect(status, JSON.stringify(json)).toBe(201);
    expect(await channelsByPerson(json.id)).toEqual({
      [demo.people.rosa!.id]: "sms",
      [demo.people.tom!.id]: "sms",
      [sam]: "sms",
    });
    expect(json.unreachable).toEqual([{ userId: nell, reason: "Has no mobile number" }]);
  });

  it("reaches only the residents of one flat when given the flat", async () => {
    const { status, json } = await post(demo.serviceHeaders, {
      ...allChannels,
      recipient: { residentsOf: { propertyId: demoIds.rosaProperty } },
    });
    expect(status, JSON.stringify(json)).toBe(201);
    expect(await channelsByPerson(json.id)).toEqual({ [demo.people.rosa!.id]: "email" });
    expect(json.unreachable).toEqual([]);
  });

  it("puts a screen item in every active resident's inbox", async () => {
    const { status, json } = await post(demo.serviceHeaders, {
      notificationType: "Screen",
      message: "The lift in Alder House is out of service",
      recipient: block,
    });
    expect(status, JSON.stringify(json)).toBe(201);
    expect(json.deliveries).toEqual([]);
    for (const name of ["rosa", "tom"]) expect(idsOf((await list(await demo.as(name))).json)).toContain(json.id);
  });

  it("reaches a large estate's residents in one request, each by one delivery", async () => {
    const estate = "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0c20";
    await database.handle.db.execute(sql`
      insert into users (kind, name, roles, property_ids, mobile_number)
      select 'resident', 'Estate resident ' || n, array['resident']::role[], array[${estate}::uuid], '077009' || lpad(n::text, 5, '0')
      from generate_series(1, 1500) as n`);
    const { status, json } = await post(demo.serviceHeaders, {
      ...allChannels,
      recipient: { residentsOf: { propertyId: estate } },
    });
    expect(status, JSON.stringify(json).slice(0, 500)).toBe(201);
    expect(json.deliveries).toHaveLength(1500);
    expect(new Set(Object.values(await channelsByPerson(json.id)))).toEqual(new Set(["sms"]));
    expect(json.unreachable).toEqual([]);
  });

  it("refuses a property no active resident lives at, naming the property id", async () => {
    const propertyId = "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0cff";
    const { status, json } = await post(demo.serviceHeaders, {
      ...allChannels,
      recipient: { residentsOf: { propertyId } },
    });
    expect(status).toBe(400);
    expect(errorPaths(json)).toEqual(["recipient.residentsOf.propertyId"]);
    expect(json.errors[0].message).toContain(propertyId);
  });

  it("refuses a raw contact beside residentsOf: each resident's own details are used", async () => {
    const { status, json } = await post(demo.serviceHeaders, { ...allChannels, mobileNumber: "07700900123" });
    expect(status).toBe(400);
    expect(errorPaths(json)).toEqual(["mobileNumber"]);
  });
});
