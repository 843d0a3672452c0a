import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as bulk from "@/app/api/v1/notifications/bulk/route";
import { deliveries, notificationReceipts } from "@/db/schema";
import { demoIds } from "@/db/seed/demo-people";
import { visitDueFields } from "@/lib/notifications/testing/bodies";
import { errorPaths, notificationRoutes, rowCount } from "@/lib/notifications/testing/notification-routes";
import { setUpNotificationsApi } from "@/lib/notifications/testing/set-up-notifications-api";
import { notifyTemplateIds } from "@/lib/notify-simulator";
import { recipientLimiter } from "@/lib/api/rate-limit";
import { callRoute } from "@/lib/testing/call-route";
import { notifications } from "@/db/schema";

// POST /api/v1/notifications with `recipients: [...]`: one item for several teams and people, each
// person reached once, one message per person per channel, all or nothing.

const { database, demo } = setUpNotificationsApi({ notify: true });
const { post, get, list } = notificationRoutes;
const db = () => database.handle.db;

const screen = (recipients: unknown, extra: object = {}) => ({
  notificationType: "Screen",
  category: "legalDisrepair",
  targetType: "asset",
  targetId: demoIds.rosaProperty,
  message: "Legal disrepair claim received for Flat 3, Alder House",
  recipients,
  ...extra,
});
const text = (recipients: unknown) => ({
  notificationType: "Text",
  serviceKey: "housing",
  templateId: notifyTemplateIds.sms.visitDue,
  personalisationParams: visitDueFields,
  recipients,
});

const receiptHolders = async (notificationId: string) =>
  (
    await db()
      .select({ userId: notificationReceipts.userId })
      .from(notificationReceipts)
      .where(eq(notificationReceipts.notificationId, notificationId))
  )
    .map((row) => row.userId)
    .sort();
const deliveriesOf = (notificationId: string) =>
  db().select().from(deliveries).where(eq(deliveries.notificationId, notificationId));
const idsOfPeople = (...names: string[]) => names.map((name) => demo.people[name]!.id).sort();

describe("POST /api/v1/notifications with recipients", () => {
  it("puts one item in the inbox of everyone in Finance and Repairs, each once", async () => {
    // Dee is in Repairs and the DLO and named by id too: one receipt.
    const named = [{ team: "finance" }, { team: "repairs" }, { team: "dlo" }, { userId: demo.people.dee!.id }];
    const { status, json } = await post(demo.serviceHeaders, screen(named));
    expect(status, JSON.stringify(json)).toBe(201);
    expect(json.recipients).toEqual(named);
    expect(json.recipient).toBeNull();
    expect(await receiptHolders(json.id)).toEqual(idsOfPeople("fiona", "farid", "grace", "rob", "dee", "ravi"));

    for (const name of ["fiona", "rob"]) {
      const inbox = await list(await demo.as(name));
      expect(inbox.json.results.map((item: { id: string }) => item.id)).toContain(json.id);
    }
    const alone = await get(demo.serviceHeaders, json.id);
    expect(alone.json.recipients).toEqual(named);
  });

  it("sends one text per person however they are named, read from the directory", async () => {
    const named: ({ userId: string } | { personId: string })[] = [
      { userId: demo.people.rosa!.id },
      { personId: demoIds.rosaPerson },
      { userId: demo.people.rosa!.id.toUpperCase() },
      { personId: demoIds.tomPerson },
    ];
    const { status, json } = await post(demo.serviceHeaders, text(named));
    expect(status, JSON.stringify(json)).toBe(201);
    // Ids come back in lower case, as a single recipient's do.
    expect(json.recipients).toEqual(
      named.map((recipient) => ({
        ...recipient,
        ...("userId" in recipient ? { userId: recipient.userId.toLowerCase() } : {}),
      })),
    );
    const rows = await deliveriesOf(json.id);
    expect(rows.filter((row) => !row.preferenceCopy).map((row) => [row.channel, row.userId])).toEqual(
      expect.arrayContaining([
        ["sms", demo.people.rosa!.id],
        ["sms", demo.people.tom!.id],
      ]),
    );
    expect(rows.filter((row) => !row.preferenceCopy)).toHaveLength(2);
    expect(json.deliveries).toHaveLength(2);
  });

  it.each([
    ["an empty list", [], ["recipients"]],
    ["too many", Array.from({ length: 21 }, () => ({ team: "finance" })), ["recipients"]],
    ["a bad element", [{ team: "finance" }, { userId: "not-a-uuid" }], ["recipients.1.userId"]],
    ["residents of a property", [{ residentsOf: { propertyId: demoIds.rosaProperty } }], ["recipients.0.residentsOf"]],
  ])("refuses %s, naming the element", async (_case, named, paths) => {
    const before = await rowCount(db(), notifications);
    const { status, json } = await post(demo.serviceHeaders, screen(named));
    expect(status, JSON.stringify(json)).toBe(400);
    expect(errorPaths(json)).toEqual(paths);
    expect(await rowCount(db(), notifications)).toBe(before);
  });

  it("refuses recipient and recipients together, naming both", async () => {
    const { status, json } = await post(demo.serviceHeaders, {
      ...screen([{ team: "finance" }]),
      recipient: { team: "repairs" },
    });
    expect(status).toBe(400);
    expect(errorPaths(json)).toEqual(["recipient", "recipients"]);
  });

  it("refuses the seed's user and recipients together, naming both", async () => {
    const { status, json } = await post(demo.serviceHeaders, {
      ...screen([{ team: "finance" }]),
      user: demo.people.rosa!.id,
    });
    expect(status).toBe(400);
    expect(errorPaths(json)).toEqual(["user", "recipients"]);
  });

  it("refuses a contact detail given with people: each person's own is used", async () => {
    const { status, json } = await post(demo.serviceHeaders, {
      ...text([{ userId: demo.people.rosa!.id }]),
      mobileNumber: "07700900999",
    });
    expect(status).toBe(400);
    expect(errorPaths(json)).toEqual(["mobileNumber"]);
  });

  it("names every listed team or person that is not there, and stores nothing", async () => {
    const before = await rowCount(db(), notifications);
    const { status, json } = await post(
      demo.serviceHeaders,
      screen([{ team: "finance" }, { team: "no-such-team" }, { userId: "5b1a8b0e-3f00-4c1d-9e2a-000000000001" }]),
    );
    expect(status, JSON.stringify(json)).toBe(400);
    expect(errorPaths(json)).toEqual(["recipients.1.team", "recipients.2.userId"]);
    expect(json.errors).toEqual([
      { path: "recipients.1.team", message: "No team called no-such-team" },
      { path: "recipients.2.userId", message: "No active person has this id" },
    ]);
    expect(await rowCount(db(), notifications)).toBe(before);
  });

  it("counts a person once against the per-recipient cap, however many times the list reaches them", async () => {
    const carl = demo.people.carl!.id;
    const single = { notificationType: "Screen", message: "Again", recipient: { userId: carl } };
    for (let sent = 1; sent < recipientLimiter.limit; sent++) {
      expect((await post(demo.otherServiceHeaders, single)).status).toBe(201);
    }
    // Carl is the contractors team: named twice, one use, the last one left.
    const twice = screen([{ userId: carl }, { team: "contractors" }]);
    const last = await post(demo.otherServiceHeaders, twice);
    expect(last.status, JSON.stringify(last.json)).toBe(201);
    const over = await post(demo.otherServiceHeaders, twice);
    expect(over.status).toBe(429);
    expect(errorPaths(over.json)).toEqual(["recipients"]);
  });

  it("takes recipients in a bulk request's items, located by item", async () => {
    const { status, json } = await callRoute(bulk.POST, "POST", "/api/v1/notifications/bulk", {
      headers: demo.serviceHeaders,
      body: {
        notifications: [
          screen([{ team: "rcc" }, { team: "dlo" }]),
          screen([{ team: "rcc" }, { role: "housing-officer" }]),
        ],
      },
    });
    expect(status, JSON.stringify(json)).toBe(201);
    const [first, second] = json.notifications as { id: string; recipients: unknown[] }[];
    expect(await receiptHolders(first!.id)).toEqual(idsOfPeople("dee", "ravi"));
    expect(await receiptHolders(second!.id)).toEqual(idsOfPeople("ravi", "hana"));
    expect(second!.recipients).toEqual([{ team: "rcc" }, { role: "housing-officer" }]);

    const refused = await callRoute(bulk.POST, "POST", "/api/v1/notifications/bulk", {
      headers: demo.serviceHeaders,
      body: { notifications: [screen([{ team: "rcc" }]), screen([{ team: "rcc" }, { team: "nope" }])] },
    });
    expect(refused.status).toBe(400);
    expect(errorPaths(refused.json)).toEqual(["notifications.1.recipients.1.team"]);
  });
});
