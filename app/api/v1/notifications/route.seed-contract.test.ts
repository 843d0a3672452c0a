import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { activities, notificationActions, notificationEvents, notificationReceipts, users } from "@/db/schema";
import { withActivityGuard } from "@/lib/activity/append-only-guards";
import { createApiClient } from "@/lib/auth/api-clients";
import { visitDueEmail } from "@/lib/notifications/testing/bodies";
import {
  countNotificationRows,
  errorPaths,
  expectProblem,
  idsOf,
  notificationRoutes,
} from "@/lib/notifications/testing/notification-routes";
import { setUpNotificationsApi } from "@/lib/notifications/testing/set-up-notifications-api";

// Callers written for the seed's notification contract (../shared/seeds/000, "Notifications API"),
// replayed against the real route handlers: its request and response examples, its `user` field,
// its sentMessageDetails and its PATCH actionTypes, including a service's IsRead.

const { database, demo } = setUpNotificationsApi({ notify: true });
const { post, get, list, patch, remove, counts } = notificationRoutes;

/** The seed's GET /notifications response item, as the seed gives it ("city" is a stray the seed's own API never returns). */
const seedListItem = {
  id: "2adbbec5-cf23-414d-beb3-e6d07968e7b9",
  targetId: "Ida1029365-62b1-42e4-b71f-3793ac6ea48f",
  targetType: "FailedDirectDebits",
  notificationType: "Screen",
  user: null,
  message: "Direct Debit failed",
  serviceKey: null,
  templateId: null,
  mobileNumber: "09887673562",
  email: "",
  requireAction: false,
  requireEmailNotification: false,
  requireSmsNotification: false,
  requireLetter: false,
  isReadStatus: false,
  sentMessageDetails: null,
  actionNote: null,
  performedActionDoneBy: null,
  performedActionType: null,
  isRemovable: true,
  firstName: "First Name",
  lastName: "Last Name",
  performedActionDate: null,
  createdDate: "2021-11-12T10:19:45.6224673Z",
};

/** The seed's POST /notifications request payload, the screen part of it. */
const seedScreenRequest = {
  notificationType: "Screen",
  message: "3 missed service charge payments have exceeded the tolerance period",
  requireAction: "true",
  requireEmailNotification: false,
  requireSmsNotification: false,
  requireLetter: false,
};

const fionaEmail = "fiona.finch@council.example";

/** A screen item from the seed's request example, addressed by the seed's `user`. */
async function screenFor(user: string, targetId = `T-${crypto.randomUUID()}`) {
  const { status, json } = await post(demo.serviceHeaders, {
    ...seedScreenRequest,
    targetType: "MissedServiceCharge",
    targetId,
    user,
  });
  expect(status, JSON.stringify(json)).toBe(201);
  return json;
}

describe("the seed's user field on POST /api/v1/notifications", () => {
  it("replays the seed's list example: accepted, returned with the seed's fields and values, user as given", async () => {
    // The item posted back as a seed client would send its object: every field, null where unset.
    const { id: _id, createdDate: _created, user: _user, email: _email, ...request } = seedListItem;
    const created = await post(demo.serviceHeaders, { ...request, user: fionaEmail });
    expect(created.status, JSON.stringify(created.json)).toBe(201);

    const page = await list(demo.serviceHeaders, { notificationType: "Screen", targetId: seedListItem.targetId });
    expect(idsOf(page.json)).toEqual([created.json.id]);
    const [item] = page.json.results;
    expect(Object.keys(item)).toEqual(expect.arrayContaining(Object.keys(seedListItem)));
    // An empty email is no email; everything else reads as the seed has it.
    expect(item).toMatchObject({
      ...seedListItem,
      id: created.json.id,
      user: fionaEmail,
      email: null,
      createdDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
    });
    expect((await get(demo.serviceHeaders, created.json.id)).json).toMatchObject({
      user: fionaEmail,
      sentMessageDetails: null,
    });
  });

  it.each([
    ["an email address, in any letter case", () => "Fiona.Finch@Council.Example"],
    ["a directory user id", () => demo.people.fiona!.id],
    ["the council's person id", () => demo.people.rosa!.personId!],
  ])("goes to the person named by %s, and to nobody else", async (_case, userOf) => {
    const user = userOf();
    const person = user === demo.people.rosa!.personId ? "rosa" : "fiona";
    const created = await screenFor(user);
    expect(created).toMatchObject({
      user,
      recipient: { userId: demo.people[person]!.id },
      requireAction: true,
      actionRequired: true,
    });
    expect(idsOf((await list(await demo.as(person))).json)).toContain(created.id);
    expect((await get(await demo.as("farid"), created.id)).status).toBe(404);
  });

  it("sends an email to the person's address in the directory when the body gives none", async () => {
    const { personalisationParams, serviceKey, templateId } = visitDueEmail;
    const { status, json } = await post(demo.serviceHeaders, {
      notificationType: "Email",
      serviceKey,
      templateId,
      personalisationParams,
      user: demo.people.rosa!.personId,
    });
    expect(status, JSON.stringify(json)).toBe(201);
    expect(json.sentMessageDetails).toEqual([
      { id: null, type: "email", status: "pending", sentAt: null, completedAt: null },
    ]);
    expect(json.deliveries).toEqual([expect.objectContaining({ channel: "email", status: "pending", notifyId: null })]);
  });

  it.each([
    ["nobody in the directory", { user: "nobody@council.example" }, ["user"]],
    ["an unknown id", { user: "3c1e0f55-5a7e-4c4b-9a53-0f6f3f8d7a10" }, ["user"]],
    ["neither an email address nor an id", { user: "fiona" }, ["user"]],
    ["both user and recipient", { user: fionaEmail, recipient: { team: "finance" } }, ["user", "recipient"]],
    [
      "user, recipient and recipients",
      { user: fionaEmail, recipient: { team: "finance" }, recipients: [{ team: "repairs" }] },
      ["user", "recipient", "recipients"],
    ],
  ])("refuses %s with a 400 on the field, writing nothing", async (_case, addressing, paths) => {
    const before = await countNotificationRows(database.handle.db);
    const answer = await post(demo.serviceHeaders, {
      ...seedScreenRequest,
      targetType: "MissedServiceCharge",
      targetId: "T-refused",
      ...addressing,
    });
    expectProblem(answer);
    expect(answer.status).toBe(400);
    expect(errorPaths(answer.json)).toEqual(paths);
    expect(await countNotificationRows(database.handle.db)).toEqual(before);
  });

  it("refuses a disabled person as recipient { userId } does", async () => {
    const { db } = database.handle;
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, demo.people.carl!.id));
    try {
      const answer = await post(demo.serviceHeaders, { ...seedScreenRequest, user: "carl.dyer@contractor.example" });
      expect(answer.status).toBe(400);
      expect(answer.json.errors).toEqual([{ path: "user", message: "Carl Dyer is disabled" }]);
    } finally {
      await db.update(users).set({ disabledAt: null }).where(eq(users.id, demo.people.carl!.id));
    }
  });

  it("tells a caller who names nobody every way to name them, the seed's user among them", async () => {
    const answer = await post(demo.serviceHeaders, seedScreenRequest);
    expect(answer.status).toBe(400);
    expect(answer.json.errors).toEqual([
      {
        path: "recipient",
        message:
          "Say who should see it: user, recipient ({ userId }, { personId }, { residentsOf }, { team } or { role }) or recipients",
      },
    ]);
  });
});

describe("the seed's PATCH actionTypes", () => {
  it.each([
    ["Initiated", {}],
    ["Validate", {}],
    ["Approved", { actionNote: "Checked" }],
    ["Rejected", { actionNote: "Wrong tenure" }],
    ["IsRead", {}],
  ])("records %s, answering 200 with the updated notification", async (actionType, extra) => {
    const created = await screenFor(fionaEmail);
    const { status, json } = await patch(await demo.as("fiona"), created.id, { actionType, ...extra });
    expect(status, JSON.stringify(json)).toBe(200);
    expect(json.isReadStatus).toBe(true);
    if (actionType !== "IsRead") expect(json).toMatchObject({ performedActionType: actionType, isRemovable: true });
    expect(json.actions.at(-1)).toMatchObject({ actionType, performedBy: "Fiona Finch", onBehalfOfUserId: null });
  });

  it("deletes an item no longer waiting for action, as the seed's DELETE does", async () => {
    const created = await post(demo.serviceHeaders, { ...seedScreenRequest, requireAction: false, user: fionaEmail });
    expect((await remove(demo.serviceHeaders, created.json.id)).status).toBe(204);
    expect((await get(demo.serviceHeaders, created.json.id)).status).toBe(404);
  });
});

describe("a service's IsRead", () => {
  const teamItem = async (message: string) => {
    const { json } = await post(demo.serviceHeaders, {
      notificationType: "Screen",
      message,
      targetType: "MissedServiceCharge",
      targetId: "T-team",
      recipient: { team: "finance" },
    });
    return json.id as string;
  };
  const readers = async (id: string) => {
    const rows = await database.handle.db
      .select({ userId: notificationReceipts.userId, readAt: notificationReceipts.readAt })
      .from(notificationReceipts)
      .where(eq(notificationReceipts.notificationId, id));
    return rows.filter((row) => row.readAt !== null).map((row) => row.userId);
  };
  const eventsOf = (id: string) =>
    database.handle.db
      .select({ type: notificationEvents.type, userId: notificationEvents.userId })
      .from(notificationEvents)
      .where(eq(notificationEvents.notificationId, id));

  it("marks read the copy of the recipient it names, audited, with live counts for that person only", async () => {
    const id = await teamItem("Named reader");
    const fiona = await demo.as("fiona");
    const unreadBefore = (await counts(fiona)).json.unread;
    const faridUnreadBefore = (await counts(await demo.as("farid"))).json.unread;

    const { status, json } = await patch(demo.serviceHeaders, id, { actionType: "IsRead", onBehalfOf: fionaEmail });
    expect(status, JSON.stringify(json)).toBe(200);
    expect(json.isReadStatus).toBe(true);
    expect(json.actions).toEqual([
      expect.objectContaining({ actionType: "IsRead", onBehalfOfUserId: demo.people.fiona!.id }),
    ]);
    expect(await readers(id)).toEqual([demo.people.fiona!.id]);
    expect((await get(fiona, id)).json.isReadStatus).toBe(true);
    expect((await get(await demo.as("farid"), id)).json.isReadStatus).toBe(false);
    expect((await counts(fiona)).json.unread).toBe(unreadBefore - 1);
    expect((await counts(await demo.as("farid"))).json.unread).toBe(faridUnreadBefore);
    expect(await eventsOf(id)).toContainEqual({ type: "notification.updated", userId: demo.people.fiona!.id });

    const [history] = await database.handle.db.select().from(activities).where(eq(activities.targetId, id));
    expect(history).toMatchObject({
      oldData: { isReadStatus: false },
      newData: { isReadStatus: true },
      onBehalfOf: { id: demo.people.fiona!.id, fullName: "Fiona Finch", email: fionaEmail },
      authorDetails: expect.objectContaining({ fullName: "demo-service" }),
    });
  });

  it("keeps whose copy it marked out of reach of any rewrite, erasure's guarded redaction included", async () => {
    const id = await teamItem("Audited reader");
    await patch(demo.serviceHeaders, id, { actionType: "IsRead", onBehalfOf: fionaEmail });
    const { db } = database.handle;
    const ofItem = eq(notificationActions.notificationId, id);
    const rewrite = { onBehalfOfUserId: demo.people.farid!.id };
    await expect(db.update(notificationActions).set(rewrite).where(ofItem)).rejects.toThrow();
    await expect(
      withActivityGuard(db, "erasePersonalData", (tx) => tx.update(notificationActions).set(rewrite).where(ofItem)),
    ).rejects.toThrow();
    const trail = await db.select().from(notificationActions).where(ofItem);
    expect(trail.map((row) => row.onBehalfOfUserId)).toEqual([demo.people.fiona!.id]);
  });

  it("names the person by user id or person id as well as by email", async () => {
    const id = await teamItem("Named by id");
    await patch(demo.serviceHeaders, id, { actionType: "IsRead", onBehalfOf: demo.people.farid!.id });
    expect(await readers(id)).toEqual([demo.people.farid!.id]);
    const toRosa = await screenFor(demo.people.rosa!.personId!);
    const answer = await patch(demo.serviceHeaders, toRosa.id, {
      actionType: "IsRead",
      onBehalfOf: demo.people.rosa!.personId,
    });
    expect(answer.status).toBe(200);
    expect(await readers(toRosa.id)).toEqual([demo.people.rosa!.id]);
  });

  it("with nobody named, marks every recipient's copy read, keeping earlier readings", async () => {
    const id = await teamItem("Everyone reads");
    await patch(await demo.as("grace"), id, { actionType: "IsRead" });
    const [graceRead] = await database.handle.db
      .select({ readAt: notificationReceipts.readAt })
      .from(notificationReceipts)
      .where(and(eq(notificationReceipts.notificationId, id), eq(notificationReceipts.userId, demo.people.grace!.id)));

    const { status, json } = await patch(demo.serviceHeaders, id, { actionType: "IsRead" });
    expect(status).toBe(200);
    expect(json.isReadStatus).toBe(true);
    const finance = ["fiona", "farid", "grace"].map((name) => demo.people[name]!.id);
    expect((await readers(id)).sort()).toEqual([...finance].sort());
    for (const name of ["fiona", "farid", "grace"])
      expect((await get(await demo.as(name), id)).json.isReadStatus).toBe(true);
    const [graceAfter] = await database.handle.db
      .select({ readAt: notificationReceipts.readAt })
      .from(notificationReceipts)
      .where(and(eq(notificationReceipts.notificationId, id), eq(notificationReceipts.userId, demo.people.grace!.id)));
    expect(graceAfter!.readAt).toEqual(graceRead!.readAt);
    // An event with no person is for everyone holding a copy.
    expect(await eventsOf(id)).toContainEqual({ type: "notification.updated", userId: null });
    const trail = await database.handle.db
      .select()
      .from(notificationActions)
      .where(eq(notificationActions.notificationId, id));
    expect(trail.map((row) => [row.actionType, row.performedBy, row.onBehalfOfUserId])).toEqual([
      ["IsRead", "Grace Mensah", null],
      ["IsRead", "demo-service", null],
    ]);
    const history = await database.handle.db.select().from(activities).where(eq(activities.targetId, id));
    expect(history.at(-1)).toMatchObject({
      newData: { isReadStatus: true, markedReadFor: "every recipient", copiesMarkedRead: 2 },
      onBehalfOf: null,
    });
  });

  it.each([
    ["someone who is not a recipient", { onBehalfOf: "rob.hughes@council.example" }, 400, ["onBehalfOf"]],
    ["nobody in the directory", { onBehalfOf: "nobody@council.example" }, 400, ["onBehalfOf"]],
    ["a value that names nobody", { onBehalfOf: "Fiona" }, 400, ["onBehalfOf"]],
    ["an action other than IsRead", { actionType: "Validate", onBehalfOf: fionaEmail }, 400, ["onBehalfOf"]],
  ])("refuses %s, recording nothing", async (_case, body, status, paths) => {
    const id = await teamItem(`Refused: ${_case}`);
    const before = await countNotificationRows(database.handle.db);
    const answer = await patch(demo.serviceHeaders, id, { actionType: "IsRead", ...body });
    expectProblem(answer);
    expect(answer.status).toBe(status);
    expect(errorPaths(answer.json)).toEqual(paths);
    expect(await countNotificationRows(database.handle.db)).toEqual(before);
    expect(await readers(id)).toEqual([]);
  });

  it("keeps to the policy: own notifications only, the mark-read scope, people only for themselves", async () => {
    const id = await teamItem("Policy");
    const before = await countNotificationRows(database.handle.db);
    expect((await patch(demo.otherServiceHeaders, id, { actionType: "IsRead" })).status).toBe(404);
    const { key } = await createApiClient(database.handle.db, { name: "reader-only", scopes: ["notifications:read"] });
    // A client that only reads sees nothing it did not create, so its IsRead finds nothing either.
    expect((await patch({ authorization: `Bearer ${key}` }, id, { actionType: "IsRead" })).status).toBe(404);
    const onBehalf = await patch(await demo.as("fiona"), id, {
      actionType: "IsRead",
      onBehalfOf: "farid.khan@council.example",
    });
    expectProblem(onBehalf);
    expect(onBehalf.status).toBe(403);
    expect(onBehalf.json.detail).toBe("A person marks only their own copy read: onBehalfOf is for client services");
    expect(await countNotificationRows(database.handle.db)).toEqual(before);
    expect(await readers(id)).toEqual([]);
  });

  it("answers 409 for a notification in nobody's inbox", async () => {
    const { json } = await post(demo.serviceHeaders, visitDueEmail);
    const answer = await patch(demo.serviceHeaders, json.id, { actionType: "IsRead" });
    expectProblem(answer);
    expect(answer.status).toBe(409);
  });
});
