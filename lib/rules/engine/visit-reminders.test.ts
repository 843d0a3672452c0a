import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  activities,
  deliveries,
  notificationReceipts,
  notifications,
  subscriptionMessages,
  subscriptions,
  users,
  type ContactChannel,
} from "@/db/schema";
import { createApiClient } from "@/lib/auth/api-clients";
import { createSendRateLimiter } from "@/lib/delivery/rate-limiter";
import { sendDelivery } from "@/lib/delivery/send-delivery";
import { setUpNotificationsApi } from "@/lib/notifications/testing/set-up-notifications-api";
import { callRoute } from "@/lib/testing/call-route";
import { createTestClock } from "@/lib/rules/time/clock";
import * as itemRoute from "@/app/api/v1/visits/[id]/route";
import * as listRoute from "@/app/api/v1/visits/route";
import { sweepVisitReminders } from "./visit-reminders";

// The seeded reminder rules end to end with a moved clock: visits booked, moved and cancelled
// through the API, the sweep run at chosen instants, resident reminders sent through the real
// delivery pipeline to the Notify simulator, the officer's landing in their inbox.

const api = setUpNotificationsApi({ notify: true });
const { database, demo } = api;
const db = () => database.handle.db;

const hour = 3_600_000;

/** A resident of the test's own, so each test's reminders are told apart by person and property. */
async function resident(details: {
  preferredChannel?: ContactChannel | null;
  email?: string | null;
  mobileNumber?: string | null;
  address?: boolean;
}) {
  const suffix = randomUUID().slice(0, 8);
  const [person] = await db()
    .insert(users)
    .values({
      kind: "resident",
      name: `Resident ${suffix}`,
      roles: ["resident"],
      email: details.email === undefined ? `resident-${suffix}@resident.example` : details.email,
      mobileNumber: details.mobileNumber === undefined ? "07700900123" : details.mobileNumber,
      addressLines: details.address === false ? [] : ["Flat 1, Birch House", "3 Mare Street"],
      postcode: details.address === false ? null : "E8 4RP",
      preferredChannel: details.preferredChannel ?? null,
    })
    .returning();
  return person!;
}

async function book(residentUserId: string, startsAt: string) {
  const propertyId = randomUUID();
  const { status, json } = await callRoute(listRoute.POST, "POST", "/api/v1/visits", {
    headers: demo.serviceHeaders,
    body: {
      propertyId,
      residentUserId,
      officerUserId: demo.people.hana!.id,
      startsAt,
      endsAt: new Date(Date.parse(startsAt) + hour).toISOString(),
      kind: "gas safety check",
    },
  });
  expect(status, JSON.stringify(json)).toBe(201);
  return { id: json.id as string, propertyId };
}

const reschedule = async (id: string, startsAt: string) => {
  const { status, json } = await callRoute(itemRoute.PATCH, "PATCH", `/api/v1/visits/${id}`, {
    headers: demo.serviceHeaders,
    params: { id },
    body: { startsAt, endsAt: new Date(Date.parse(startsAt) + hour).toISOString() },
  });
  expect(status, JSON.stringify(json)).toBe(200);
};

const cancel = async (id: string) => {
  const { status } = await callRoute(itemRoute.DELETE, "DELETE", `/api/v1/visits/${id}`, {
    headers: demo.serviceHeaders,
    params: { id },
  });
  expect(status).toBe(200);
};

const sweepAt = (at: string) => sweepVisitReminders(db(), { clock: createTestClock(at) });

/** The reminders made about a property, oldest first, with their deliveries. */
async function remindersAt(propertyId: string) {
  const made = await db()
    .select()
    .from(notifications)
    .where(and(eq(notifications.targetType, "asset"), eq(notifications.targetId, propertyId)))
    .orderBy(asc(notifications.createdAt), asc(notifications.id));
  const sent = made.length
    ? await db()
        .select()
        .from(deliveries)
        .where(
          inArray(
            deliveries.notificationId,
            made.map((notification) => notification.id),
          ),
        )
    : [];
  return made.map((notification) => ({
    ...notification,
    deliveries: sent.filter((delivery) => delivery.notificationId === notification.id),
  }));
}

/** Hands a delivery to the Notify simulator through the real worker code, and answers what it got. */
async function deliver(deliveryId: string) {
  const limiter = createSendRateLimiter(db(), { limitFor: () => ({ requests: 3000, perSeconds: 60 }) });
  expect(await sendDelivery(db(), deliveryId, { limiter })).toBe("sent");
  const [sent] = await db().select().from(deliveries).where(eq(deliveries.id, deliveryId));
  return api.notify.store.find(sent!.notifyId!)!;
}

/** What the sweep wrote on a property's timeline about its reminders. */
async function explanations(propertyId: string): Promise<string[]> {
  return (await timeline(propertyId)).flatMap((entry) => {
    const text = entry.newData?.visitReminder;
    return typeof text === "string" ? [text] : [];
  });
}

const timeline = (propertyId: string) =>
  db()
    .select()
    .from(activities)
    .where(and(eq(activities.targetType, "asset"), eq(activities.targetId, propertyId)))
    .orderBy(asc(activities.recordedAt), asc(activities.id));

describe("visit reminders to the resident", () => {
  it("emails a resident who prefers email 7 days and 1 day before, once each, through Notify", async () => {
    const rosa = await resident({ preferredChannel: "email" });
    // Tuesday 12 January 2027, 10:30 GMT.
    const visit = await book(rosa.id, "2027-01-12T10:30:00.000Z");

    await sweepAt("2027-01-05T10:29:00Z");
    expect(await remindersAt(visit.propertyId)).toEqual([]);

    await sweepAt("2027-01-05T10:30:00Z");
    const [weekBefore] = await remindersAt(visit.propertyId);
    expect(weekBefore).toMatchObject({
      notificationType: "Email",
      category: "visitDue",
      recipientUserId: rosa.id,
      message:
        "Reminder: your gas safety check visit at Flat 1, Birch House, 3 Mare Street, E8 4RP is on Tuesday 12 January 2027 at 10:30. Please make sure you are at home.",
    });
    expect(weekBefore!.deliveries).toMatchObject([{ channel: "email", status: "pending", userId: rosa.id }]);
    const email = await deliver(weekBefore!.deliveries[0]!.id);
    expect(email.to).toBe(rosa.email);
    expect(email.body).toContain("Please make sure you are at home.");

    // A second sweep, and one a minute later, make nothing new.
    expect((await sweepAt("2027-01-05T10:30:00Z")).sent).toBe(0);
    await sweepAt("2027-01-05T10:31:00Z");
    expect(await remindersAt(visit.propertyId)).toHaveLength(1);

    await sweepAt("2027-01-11T10:30:00Z");
    const reminders = (await remindersAt(visit.propertyId)).filter((made) => made.notificationType !== "Screen");
    expect(reminders.map((reminder) => reminder.notificationType)).toEqual(["Email", "Email"]);
    const explained = (await explanations(visit.propertyId)).filter((text) =>
      text.startsWith("Visit reminder to the resident"),
    );
    expect(explained).toEqual([
      `Visit reminder to the resident, 7 days and 1 day before (P7D): email to ${rosa.name}`,
      `Visit reminder to the resident, 7 days and 1 day before (P1D): email to ${rosa.name}`,
    ]);
  });

  it("tells subscribers that may read visits that a reminder went out (visit.reminded)", async () => {
    const rosa = await resident({ preferredChannel: "email" });
    const visit = await book(rosa.id, "2027-03-16T10:30:00.000Z");
    const { client } = await createApiClient(db(), {
      name: "visit-feed",
      scopes: ["visits:manage", "subscriptions:manage"],
    });
    const [subscription] = await db()
      .insert(subscriptions)
      .values({
        clientId: client.id,
        eventType: "visit.reminded",
        filters: { targetId: visit.propertyId },
        contactEmails: ["ops@visits.example"],
        expiresOn: "2099-12-31",
        webhookUrl: "https://hooks.visits.example/in",
      })
      .returning();
    await sweepAt("2027-03-09T10:30:00Z");
    await sweepAt("2027-03-09T10:31:00Z");
    const [reminder] = await remindersAt(visit.propertyId);
    const messages = await db()
      .select()
      .from(subscriptionMessages)
      .where(eq(subscriptionMessages.subscriptionId, subscription!.id));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ eventId: reminder!.id, targetType: "asset", targetId: visit.propertyId });
    expect(messages[0]!.payload).toEqual({
      type: "visit.reminded",
      timestamp: "2027-03-09T10:30:00.000Z",
      data: {
        visitId: visit.id,
        propertyId: visit.propertyId,
        officerUserId: demo.people.hana!.id,
        startsAt: "2027-03-16T10:30:00.000Z",
        kind: "gas safety check",
      },
    });
  });

  it("texts a resident who prefers text, to their mobile from the directory", async () => {
    const person = await resident({ preferredChannel: "sms" });
    const visit = await book(person.id, "2027-02-10T14:00:00.000Z");
    await sweepAt("2027-02-09T14:00:00Z");
    // Late by a day for the 7-day one: only the latest due offset goes.
    const toResident = (await remindersAt(visit.propertyId)).filter((made) => made.notificationType !== "Screen");
    expect(toResident).toHaveLength(1);
    const [text] = toResident;
    expect(text).toMatchObject({ notificationType: "Text", recipientUserId: person.id });
    expect(text!.deliveries).toMatchObject([{ channel: "sms", userId: person.id }]);
    const explained = await explanations(visit.propertyId);
    expect(explained).toContain(
      "Visit reminder to the resident, 7 days and 1 day before (P7D): not sent: the sweep ran late and the P1D reminder, nearer the visit, is due too",
    );
    const sms = await deliver(text!.deliveries[0]!.id);
    expect(sms.to).toBe("07700900123");
  });

  it("sends a letter to a resident who prefers letters", async () => {
    const person = await resident({ preferredChannel: "letter" });
    const visit = await book(person.id, "2027-02-17T09:00:00.000Z");
    await sweepAt("2027-02-10T09:00:00Z");
    const [letter] = await remindersAt(visit.propertyId);
    expect(letter).toMatchObject({ notificationType: "Letter" });
    await deliver(letter!.deliveries[0]!.id);
  });

  it("falls back to another channel the resident has, and with none sends nothing and says why on the timeline", async () => {
    const noMobile = await resident({ preferredChannel: "sms", mobileNumber: null });
    const fallback = await book(noMobile.id, "2027-02-24T09:00:00.000Z");
    const unreachable = await resident({ email: null, mobileNumber: null, address: false });
    const nowhere = await book(unreachable.id, "2027-02-24T11:00:00.000Z");

    await sweepAt("2027-02-17T11:00:00Z");
    const [email] = await remindersAt(fallback.propertyId);
    expect(email).toMatchObject({ notificationType: "Email", recipientUserId: noMobile.id });
    expect(await remindersAt(nowhere.propertyId)).toEqual([]);
    const explained = await explanations(nowhere.propertyId);
    expect(explained).toEqual([
      `Visit reminder to the resident, 7 days and 1 day before (P7D): not sent: ${unreachable.name} has no email address, mobile number or postal address to send it to`,
    ]);
    // Recorded once: the next sweep neither retries nor records it again.
    await sweepAt("2027-02-17T11:05:00Z");
    expect(await timeline(nowhere.propertyId)).toHaveLength(2); // the booking and the one explanation
  });
});

describe("visit reminders to the officer", () => {
  async function officerReminders(propertyId: string) {
    return (await remindersAt(propertyId)).filter((reminder) => reminder.notificationType === "Screen");
  }

  it("puts a Monday visit in the officer's inbox at 08:00 on the Friday before", async () => {
    const person = await resident({ preferredChannel: "email" });
    const visit = await book(person.id, "2027-01-18T10:00:00.000Z"); // Monday
    await sweepAt("2027-01-15T07:59:00Z");
    expect(await officerReminders(visit.propertyId)).toEqual([]);
    await sweepAt("2027-01-15T08:00:00Z"); // Friday 08:00 GMT
    const [item] = await officerReminders(visit.propertyId);
    expect(item).toMatchObject({ recipientUserId: demo.people.hana!.id, category: "visitDue" });
    expect(item!.message).toBe(
      `Visit reminder: gas safety check at Flat 1, Birch House, 3 Mare Street, E8 4RP with ${person.name} on Monday 18 January 2027 at 10:00`,
    );
    const receipts = await db()
      .select()
      .from(notificationReceipts)
      .where(eq(notificationReceipts.notificationId, item!.id));
    expect(receipts.map((receipt) => receipt.userId)).toEqual([demo.people.hana!.id]);
  });

  it("skips Good Friday and Easter Monday: a Tuesday visit is reminded on the Thursday before", async () => {
    const person = await resident({ preferredChannel: "email" });
    const visit = await book(person.id, "2027-03-30T09:00:00.000Z"); // Tuesday after Easter Monday, 10:00 BST
    await sweepAt("2027-03-24T08:00:00Z");
    await sweepAt("2027-03-25T07:59:00Z");
    expect(await officerReminders(visit.propertyId)).toEqual([]);
    await sweepAt("2027-03-25T08:00:00Z"); // Thursday 08:00 GMT
    expect(await officerReminders(visit.propertyId)).toHaveLength(1);
  });

  it("moves the reminder when the visit is moved across a weekend, and never sends the old one", async () => {
    const person = await resident({ preferredChannel: "email" });
    const visit = await book(person.id, "2027-04-09T10:00:00.000Z"); // Friday: reminder Thursday 8 April 08:00 BST
    await reschedule(visit.id, "2027-04-12T10:00:00.000Z"); // to Monday: reminder Friday 9 April 08:00 BST
    await sweepAt("2027-04-08T07:00:00Z");
    expect(await officerReminders(visit.propertyId)).toEqual([]);
    await sweepAt("2027-04-09T07:00:00Z");
    const [item] = await officerReminders(visit.propertyId);
    expect(item!.message).toContain("on Monday 12 April 2027 at 11:00");
  });
});

describe("moving and cancelling visits", () => {
  it("cancels a reminder made but not yet sent when the visit is cancelled, and sends no more", async () => {
    const person = await resident({ preferredChannel: "email" });
    const visit = await book(person.id, "2027-05-12T09:00:00.000Z");
    await sweepAt("2027-05-05T09:00:00Z");
    const [made] = await remindersAt(visit.propertyId);
    expect(made!.deliveries[0]!.status).toBe("pending");

    await cancel(visit.id);
    const [after] = await remindersAt(visit.propertyId);
    expect(after!.deliveries[0]!.status).toBe("cancelled");
    await sweepAt("2027-05-11T08:00:00Z");
    await sweepAt("2027-05-11T09:00:00Z");
    expect(await remindersAt(visit.propertyId)).toHaveLength(1);
  });

  it("cancels the unsent reminder of the old time when the visit is moved, and reminds for the new time", async () => {
    const person = await resident({ preferredChannel: "email" });
    const visit = await book(person.id, "2027-05-19T09:00:00.000Z");
    await sweepAt("2027-05-12T09:00:00Z");
    await reschedule(visit.id, "2027-05-26T09:00:00.000Z");
    const [old] = await remindersAt(visit.propertyId);
    expect(old!.deliveries[0]!.status).toBe("cancelled");
    // The old time's 1-day reminder never comes; the new time's 7-day one does.
    await sweepAt("2027-05-18T09:00:00Z");
    expect(await remindersAt(visit.propertyId)).toHaveLength(1);
    await sweepAt("2027-05-19T09:00:00Z");
    const reminders = await remindersAt(visit.propertyId);
    expect(reminders).toHaveLength(2);
    expect(reminders[1]!.message).toContain("Wednesday 26 May 2027 at 10:00");
    expect(reminders[1]!.deliveries[0]!.status).toBe("pending");
  });

  it("makes each reminder once when two workers sweep at the same moment", async () => {
    const person = await resident({ preferredChannel: "email" });
    const visit = await book(person.id, "2027-06-16T09:00:00.000Z");
    await Promise.all([sweepAt("2027-06-09T09:00:00Z"), sweepAt("2027-06-09T09:00:00Z")]);
    await sweepAt("2027-06-09T09:00:00Z");
    expect(await remindersAt(visit.propertyId)).toHaveLength(1);
  });

  it("sends nothing for a visit that has started or passed", async () => {
    const person = await resident({ preferredChannel: "email" });
    const visit = await book(person.id, "2027-06-02T09:00:00.000Z");
    await sweepAt("2027-06-02T09:00:00Z");
    await sweepAt("2027-06-03T09:00:00Z");
    expect(await remindersAt(visit.propertyId)).toEqual([]);
  });
});
