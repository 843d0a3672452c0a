import { inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { demoIds } from "@/db/seed/demo-people";
import {
  deliveries,
  digestItems,
  notificationEvents,
  notificationPreferences,
  notificationReceipts,
  notifications,
  type EmailMode,
} from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { recipientLimiter } from "@/lib/api/rate-limit";
import type { PersonCaller } from "@/lib/auth/caller";
import { findPersonCaller } from "@/lib/auth/people";
import { notifyTemplateIds } from "@/lib/notify-simulator";
import { createNotificationBodySchema, type CreateNotificationBody } from "./contract/create-notification-body";
import { createNotification, type CreatedNotification } from "./create-notification";
import { fitsCreateSet } from "./create-notifications-set";
import { checkAddressedPerson } from "./directory-recipient";
import { createNotificationsInTransaction } from "./submit-notifications";
import { visitDueFields } from "./testing/bodies";
import { rowCount } from "./testing/notification-routes";
import { setUpNotificationsApi } from "./testing/set-up-notifications-api";

// The set-based create (createNotificationsSet, through createNotificationsInTransaction) must store
// and answer exactly what createNotification does body by body: the same bodies go through both and
// every row they write is compared, ids and times aside.

const { database, demo } = setUpNotificationsApi({ notify: true });
const db = () => database.handle.db;
let caller: PersonCaller;
const id = (name: string) => demo.people[name]!.id;

const preferences: [person: string, category: string, choice: { inApp?: boolean; email?: EmailMode; sms?: boolean }][] =
  [
    ["farid", "newProperty", { inApp: false }],
    ["grace", "newProperty", { email: "immediate" }],
    ["fiona", "newProperty", { email: "daily" }],
    ["farid", "estimateApproval", { inApp: false, email: "immediate" }],
    ["rob", "workOrderVariation", { email: "immediate", sms: true }],
    ["hana", "cautionaryContact", { inApp: false, email: "daily" }],
  ];

beforeAll(async () => {
  caller = (await findPersonCaller(db(), id("fiona")))!;
  await db()
    .insert(notificationPreferences)
    .values(
      preferences.map(([person, category, choice]) => ({
        userId: id(person),
        category,
        inApp: choice.inApp ?? true,
        emailMode: choice.email ?? "off",
        sms: choice.sms ?? false,
      })),
    );
});

const text = (recipient: object) => ({
  notificationType: "Text",
  serviceKey: "housing",
  templateId: notifyTemplateIds.sms.visitDue,
  personalisationParams: visitDueFields,
  recipient,
});
const email = (recipient?: object) => {
  const { recipient: _none, ...body } = text({});
  return {
    ...body,
    notificationType: "Email",
    templateId: notifyTemplateIds.email.visitDue,
    ...(recipient ? { recipient } : { email: "someone@example.com" }),
  };
};
const letter = (recipient: object) => ({
  ...text(recipient),
  notificationType: "Letter",
  templateId: notifyTemplateIds.letter.visitDue,
});
const screen = (extra: object) => ({ notificationType: "Screen", message: "Screen item", ...extra });
const { action_url: _link, ...withoutLink } = visitDueFields;
const inADay = new Date(Date.now() + 86_400_000).toISOString();

/** One of each shape the set path takes, and two it leaves to createNotification (an attachment, residents). */
const mixedBodies = () => [
  screen({ recipient: { userId: id("grace") } }),
  screen({ category: "newProperty", message: "New property on Mare Street" }),
  screen({ category: "estimateApproval" }),
  screen({ recipient: { team: "repairs" } }),
  screen({ category: "workOrderVariation", recipient: { role: "repairs-manager" }, sendAt: inADay }),
  text({ personId: demoIds.rosaPerson }),
  email({ userId: id("tom") }),
  letter({ userId: id("tom") }),
  email(),
  screen({ category: "cautionaryContact", recipient: { team: "housing-officers" }, sendAt: inADay }),
  {
    ...email(),
    personalisationParams: withoutLink,
    attachment: { personalisationField: "action_url", filename: "a.pdf", content: Buffer.from("x").toString("base64") },
  },
  { ...text({ residentsOf: { propertyId: demoIds.blockProperty } }), message: "Lift out of service" },
  screen({ recipient: { role: "admin" }, requireAction: true }),
];

const parse = (bodies: object[]) => bodies.map((body) => createNotificationBodySchema.parse(body));

function viaSet(bodies: CreateNotificationBody[]): Promise<CreatedNotification[]> {
  return db().transaction(async (tx) => {
    const { created } = await createNotificationsInTransaction(tx, caller, bodies, {
      locate: (index, error) => ({ ...error, path: `${index}.${error.path}` }),
    });
    return created;
  });
}

function oneByOne(bodies: CreateNotificationBody[]): Promise<CreatedNotification[]> {
  return db().transaction(async (tx) => {
    const created: CreatedNotification[] = [];
    for (const body of bodies) {
      const { person } = await checkAddressedPerson(tx, body);
      created.push(await createNotification(tx, caller, body, { person }));
    }
    return created;
  });
}

/** What a run stored, per notification in input order, with ids as input positions and no times. */
async function storedRows(tx: Database, created: CreatedNotification[]) {
  const ids = created.map(({ notification }) => notification.id);
  const position = new Map(ids.map((notificationId, index) => [notificationId, index]));
  const at = (notificationId: string) => position.get(notificationId)!;
  const byPosition = <Row>(rows: Row[]) => rows.map((row) => JSON.stringify(row)).sort();
  const stored = await tx.select().from(notifications).where(inArray(notifications.id, ids));
  const createdAt = new Map(stored.map((row) => [row.id, row.createdAt.getTime()]));
  const dueAt = new Map(stored.map((row) => [row.id, (row.sendAt ?? row.createdAt).getTime()]));
  const receipts = await tx
    .select()
    .from(notificationReceipts)
    .where(inArray(notificationReceipts.notificationId, ids));
  const sent = await tx.select().from(deliveries).where(inArray(deliveries.notificationId, ids));
  const digest = await tx.select().from(digestItems).where(inArray(digestItems.notificationId, ids));
  const events = await tx.select().from(notificationEvents).where(inArray(notificationEvents.notificationId, ids));
  return {
    notifications: stored
      .map(({ id: notificationId, createdAt: _createdAt, ...row }) => ({ at: at(notificationId), ...row }))
      .sort((one, other) => one.at - other.at),
    receipts: byPosition(
      receipts.map((row) => ({
        at: at(row.notificationId),
        userId: row.userId,
        actionRequired: row.actionRequired,
        sameTime: row.createdAt.getTime() === createdAt.get(row.notificationId),
      })),
    ),
    deliveries: byPosition(
      sent.map(({ id: _id, notificationId, createdAt: _createdAt, personalisation, documentId, ...row }) => ({
        at: at(notificationId),
        ...row,
        hasDocument: documentId !== null,
        personalisation: personalisation && { ...personalisation, action_url: String(personalisation.action_url) },
      })),
    ).map((row) => row.replaceAll(/notifications\/[0-9a-f-]{36}/g, "notifications/…")),
    digestItems: byPosition(
      digest.map((row) => ({
        at: at(row.notificationId),
        userId: row.userId,
        category: row.category,
        dueWhenSentOrCreated: row.dueAt.getTime() === dueAt.get(row.notificationId),
      })),
    ),
    events: byPosition(events.map((row) => ({ at: at(row.notificationId!), type: row.type, userId: row.userId }))),
  };
}

/** A run's answers with ids and times left out, fan-out in a stable order. */
const answers = (created: CreatedNotification[]) =>
  created.map(({ notification: { id: _id, createdDate: _createdDate, ...notification }, ...rest }) => ({
    notification: {
      ...notification,
      deliveries: notification.deliveries.map(({ documentId, ...delivery }) => ({
        ...delivery,
        hasDocument: documentId !== null,
      })),
    },
    recipientUserIds: [...rest.recipientUserIds].sort(),
    addressedUserIds: rest.addressedUserIds,
    person: rest.person,
  }));

async function failure(run: Promise<unknown>): Promise<ApiError> {
  const error = await run.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

const tables = { notifications, notificationReceipts, deliveries, digestItems, notificationEvents };
const counts = async () =>
  Object.fromEntries(
    await Promise.all(Object.entries(tables).map(async ([name, table]) => [name, await rowCount(db(), table)])),
  );

describe("createNotificationsInTransaction, set-based", () => {
  it("stores and answers what createNotification does body by body, in input order", async () => {
    const bodies = parse(mixedBodies());
    expect(bodies.map(fitsCreateSet)).toEqual([...Array(10).fill(true), false, false, true]);
    const [set, single] = [await viaSet(bodies), await oneByOne(bodies)];
    expect(answers(set)).toEqual(answers(single));
    const [setRows, singleRows] = [await storedRows(db(), set), await storedRows(db(), single)];
    expect(setRows).toEqual(singleRows);
    // The comparison means something only if the bodies wrote every kind of row.
    expect(setRows.receipts.length).toBeGreaterThan(10);
    expect(setRows.deliveries.filter((row) => row.includes('"preferenceCopy":true')).length).toBeGreaterThan(1);
    expect(setRows.deliveries.some((row) => row.includes('"status":"scheduled"'))).toBe(true);
    expect(setRows.digestItems.length).toBe(2);
    expect(setRows.events.length).toBe(bodies.length);
  });

  it.each([
    ["alone", () => [screen({ recipient: { team: "no-such-team" } })], "0.recipient.team"],
    [
      "after others that would be fine",
      () => [...mixedBodies().slice(0, 5), screen({ recipient: { team: "no-such-team" } })],
      "5.recipient.team",
    ],
  ])("refuses a team that does not exist %s, naming its input, and writes nothing", async (_case, raw, path) => {
    const before = await counts();
    const bodies = parse(raw());
    const error = await failure(viaSet(bodies));
    expect(error.status).toBe(400);
    expect(error.errors).toEqual([{ path, message: "No team called no-such-team" }]);
    const single = await failure(oneByOne(bodies));
    expect(single.errors).toEqual([{ path: "recipient.team", message: "No team called no-such-team" }]);
    expect(await counts()).toEqual(before);
  });

  it("takes a team whose members all turned its inbox copy off, as createNotification does", async () => {
    await db().execute(sql`
      insert into notification_preferences (user_id, category, in_app)
      select tm.user_id, 'processThreshold', false from team_members tm join teams t on t.id = tm.team_id
      where t.key = 'housing-officers'`);
    const bodies = parse([screen({ category: "processThreshold" })]);
    const [set, single] = [await viaSet(bodies), await oneByOne(bodies)];
    expect(set[0]!.recipientUserIds).toEqual([]);
    expect(answers(set)).toEqual(answers(single));
  });

  it("still caps each recipient across the set, naming the first input that goes over", async () => {
    const before = await counts();
    // Carl (whom no other test reaches) is in contractors: the team item after his own allowance is refused.
    const bodies = parse([
      ...Array.from({ length: recipientLimiter.limit }, () => screen({ recipient: { userId: id("carl") } })),
      screen({ recipient: { team: "contractors" } }),
    ]);
    const error = await failure(viaSet(bodies));
    expect(error.status).toBe(429);
    expect(error.errors?.map((entry) => entry.path)).toEqual([`${recipientLimiter.limit}.recipient`]);
    expect(await counts()).toEqual(before);
  });
});
