import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { deliveries, users } from "@/db/schema";
import { demoIds } from "@/db/seed/demo-people";
import { visitDueFields } from "@/lib/notifications/testing/bodies";
import { errorPaths, idsOf, notificationRoutes } from "@/lib/notifications/testing/notification-routes";
import { setUpNotificationsApi } from "@/lib/notifications/testing/set-up-notifications-api";
import { notifyTemplateIds } from "@/lib/notify-simulator";

// POST /api/v1/notifications addressed to a person in the directory, by the council's person id or
// by user id: the email address, mobile number or postal address comes from the directory, and a
// person without the detail a channel needs is a 400 that names them.

const { database, demo } = setUpNotificationsApi({ notify: true });
const { post, get, list } = notificationRoutes;

const text = (recipient: object, extra: object = {}) => ({
  notificationType: "Text",
  serviceKey: "housing",
  templateId: notifyTemplateIds.sms.visitDue,
  personalisationParams: visitDueFields,
  recipient,
  ...extra,
});
const email = (recipient: object) => ({
  ...text(recipient),
  notificationType: "Email",
  templateId: notifyTemplateIds.email.visitDue,
});
const letter = (recipient: object) => ({
  ...text(recipient),
  notificationType: "Letter",
  templateId: notifyTemplateIds.letter.visitDue,
});

const deliveriesOf = (notificationId: string) =>
  database.handle.db.select().from(deliveries).where(eq(deliveries.notificationId, notificationId));

let disabledPersonId: string;
let disabledUserId: string;

beforeAll(async () => {
  disabledPersonId = "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0a99";
  const [disabled] = await database.handle.db
    .insert(users)
    .values({
      kind: "resident",
      name: "Dora Gone",
      roles: ["resident"],
      personId: disabledPersonId,
      mobileNumber: "07700900199",
      disabledAt: new Date(),
    })
    .returning();
  disabledUserId = disabled!.id;
});

describe("POST /api/v1/notifications to a person by id", () => {
  it("sends a text to a resident by council person id, to the person rather than a number", async () => {
    const { status, json } = await post(demo.serviceHeaders, text({ personId: demoIds.rosaPerson }));
    expect(status, JSON.stringify(json)).toBe(201);
    expect(json.recipient).toEqual({ personId: demoIds.rosaPerson });
    expect(json.mobileNumber).toBeNull();
    expect(json.deliveries).toMatchObject([{ channel: "sms", status: "pending" }]);
    const [delivery] = await deliveriesOf(json.id);
    expect(delivery).toMatchObject({ channel: "sms", userId: demo.people.rosa!.id, preferenceCopy: false });
  });

  it("sends an email and a letter by user id, each delivery naming the person", async () => {
    for (const body of [email({ userId: demo.people.tom!.id }), letter({ userId: demo.people.tom!.id })]) {
      const { status, json } = await post(demo.serviceHeaders, body);
      expect(status, JSON.stringify(json)).toBe(201);
      expect(json.recipient).toEqual({ userId: demo.people.tom!.id });
      const rows = await deliveriesOf(json.id);
      expect(rows.map((row) => row.userId)).toEqual([demo.people.tom!.id]);
    }
  });

  it("puts a screen item addressed by person id in that person's own inbox", async () => {
    const { status, json } = await post(demo.serviceHeaders, {
      notificationType: "Screen",
      message: "Your repair is booked",
      recipient: { personId: demoIds.tomPerson },
    });
    expect(status, JSON.stringify(json)).toBe(201);
    expect(idsOf((await list(await demo.as("tom"))).json)).toContain(json.id);
    expect((await get(await demo.as("rosa"), json.id)).status).toBe(404);
  });

  it("keeps a raw contact given beside the person for that channel, as callers did before", async () => {
    const { status, json } = await post(
      demo.serviceHeaders,
      text({ userId: demo.people.rosa!.id }, { mobileNumber: "07700900555" }),
    );
    expect(status, JSON.stringify(json)).toBe(201);
    expect(json.mobileNumber).toBe("447700900555");
    const [delivery] = await deliveriesOf(json.id);
    expect(delivery!.userId).toBeNull();
  });

  const refusals: { name: string; body: () => object; path: string; message: string | RegExp }[] = [
    {
      name: "a text to a person with no mobile number",
      body: () => text({ userId: demo.people.fiona!.id }),
      path: "recipient.userId",
      message: "Fiona Finch has no mobile number",
    },
    {
      name: "a letter to a person with no postal address",
      body: () => letter({ userId: demo.people.fiona!.id }),
      path: "recipient.userId",
      message: "Fiona Finch has no postal address",
    },
    {
      name: "an email to a resident with no email address",
      body: () => email({ personId: disabledPersonId }),
      path: "recipient.personId",
      message: /Dora Gone/,
    },
    {
      name: "a person id nobody has",
      body: () => text({ personId: "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0aff" }),
      path: "recipient.personId",
      message: "No person has this person id",
    },
    {
      name: "a disabled person by person id",
      body: () => text({ personId: disabledPersonId }),
      path: "recipient.personId",
      message: "Dora Gone is disabled",
    },
    {
      name: "a disabled person by user id",
      body: () => text({ userId: disabledUserId }),
      path: "recipient.userId",
      message: "Dora Gone is disabled",
    },
  ];
  for (const refusal of refusals) {
    it(`refuses ${refusal.name} with a 400 naming it`, async () => {
      const { status, json } = await post(demo.serviceHeaders, refusal.body());
      expect(status, JSON.stringify(json)).toBe(400);
      expect(errorPaths(json)).toEqual([refusal.path]);
      expect(json.errors[0].message).toMatch(refusal.message);
    });
  }

  it("counts the person reached, however addressed, against the per-recipient cap", async () => {
    const { recipientLimiter } = await import("@/lib/api/rate-limit");
    // A client of its own, so no earlier test here has spent its allowance for Tom (caps are per caller).
    const headers = demo.otherServiceHeaders;
    const addressings = [{ personId: demoIds.tomPerson }, { userId: demo.people.tom!.id }];
    for (let sent = 0; sent < recipientLimiter.limit; sent++) {
      const { status, json } = await post(headers, text(addressings[sent % 2]!));
      expect(status, JSON.stringify(json)).toBe(201);
    }
    const { status, json } = await post(headers, text({ personId: demoIds.tomPerson }));
    expect(status).toBe(429);
    expect(errorPaths(json)).toEqual(["recipient"]);
  });
});
