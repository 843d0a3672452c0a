import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { activities, notifications, notificationActions } from "@/db/schema";
import { rowsOf } from "@/db/client";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { recipientLimiter } from "@/lib/api/rate-limit";
import { notifyTemplateIds } from "@/lib/notify-simulator";
import { callRoute } from "@/lib/testing/call-route";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";
import { setUpNotifySimulator } from "@/lib/testing/notify-simulator";
import { clearTemplateCache } from "@/lib/notify/templates";
import * as one from "./[id]/route";
import * as counts from "./counts/route";
import * as collection from "./route";

const database = setUpTestDatabase();
const notify = setUpNotifySimulator();
let demo: DemoCallers;

beforeAll(async () => {
  demo = await setUpDemoCallers(database.handle.db);
});

// Only reaches schema validation, which fails first; real sends use the simulator's catalogue.
const templateId = "f33517ff-2a88-4f6e-b855-c550268ce08a";
// The fields the catalogue's visitDue templates ask for.
const visitDueFields = {
  title: "Gas safety check",
  recipient_name: "Rosa",
  urgent: "no",
  summary: "We need to check your boiler",
  action_url: "https://example.com/visits/1",
  property: "Flat 1, 1 Mare Street",
  visit_date: "1 December 2026",
  work: "check the boiler",
};
const post = (headers: Record<string, string>, body: unknown, extra: Record<string, string> = {}) =>
  callRoute(collection.POST, "POST", "/api/v1/notifications", { headers: { ...headers, ...extra }, body });
const list = (headers: Record<string, string>, query: Record<string, string> = {}) =>
  callRoute(collection.GET, "GET", "/api/v1/notifications", { headers, query });
const get = (headers: Record<string, string>, id: string) =>
  callRoute(one.GET, "GET", `/api/v1/notifications/${id}`, { headers, params: { id } });
const patch = (headers: Record<string, string>, id: string, body: unknown) =>
  callRoute(one.PATCH, "PATCH", `/api/v1/notifications/${id}`, { headers, params: { id }, body });
const remove = (headers: Record<string, string>, id: string) =>
  callRoute(one.DELETE, "DELETE", `/api/v1/notifications/${id}`, { headers, params: { id } });

const screenToFinance = {
  notificationType: "Screen",
  message: "3 missed service charge payments have exceeded the tolerance period",
  targetType: "tenure",
  targetId: "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0b01",
  recipient: { team: "finance" },
};

describe("POST /api/v1/notifications", () => {
  it("stores a screen notification for a team and answers 201 with the seed's fields", async () => {
    const { status, json } = await post(demo.serviceHeaders, screenToFinance);
    expect(status).toBe(201);
    expect(json).toMatchObject({
      notificationType: "Screen",
      message: screenToFinance.message,
      targetType: "tenure",
      targetId: screenToFinance.targetId,
      recipient: { team: "finance" },
      requireAction: false,
      isReadStatus: false,
      isRemovable: true,
      performedActionType: null,
      performedActionDoneBy: null,
      deliveries: [],
    });
    expect(Date.parse(json.createdDate)).not.toBeNaN();
  });

  it("shows a team item to every member and to no one else", async () => {
    const { json: created } = await post(demo.serviceHeaders, { ...screenToFinance, message: "Team visibility check" });
    for (const member of ["fiona", "farid", "grace"]) {
      expect((await get(await demo.as(member), created.id)).status).toBe(200);
    }
    for (const outsider of ["rob", "hana", "rosa"]) {
      expect((await get(await demo.as(outsider), created.id)).status).toBe(404);
      const { json } = await list(await demo.as(outsider));
      expect(json.results.map((item: { id: string }) => item.id)).not.toContain(created.id);
    }
  });

  it("stores one pending delivery per channel with the contact details Notify will use", async () => {
    const { status, json } = await post(demo.serviceHeaders, {
      notificationType: "Email",
      serviceKey: "housing",
      emailTemplateId: notifyTemplateIds.email.visitDue,
      smsTemplateId: notifyTemplateIds.sms.visitDue,
      letterTemplateId: notifyTemplateIds.letter.visitDue,
      email: "  resident@example.com ",
      requireSmsNotification: true,
      mobileNumber: "07700 900123",
      requireLetter: "true",
      addressLine1: "Flat 1",
      addressLine2: "1 Mare Street",
      addressLine3: "e81dy",
      personalisationParams: visitDueFields,
    });
    expect(status).toBe(201);
    expect(json.email).toBe("resident@example.com");
    expect(json.mobileNumber).toBe("447700900123");
    expect(
      json.deliveries.map((delivery: { channel: string; status: string }) => [delivery.channel, delivery.status]),
    ).toEqual([
      ["email", "pending"],
      ["sms", "pending"],
      ["letter", "pending"],
    ]);
  });

  it("schedules the deliveries of a notification with a future sendAt", async () => {
    const sendAt = new Date(Date.now() + 3_600_000).toISOString();
    const { json } = await post(demo.serviceHeaders, {
      notificationType: "Text",
      serviceKey: "housing",
      templateId: notifyTemplateIds.sms.visitDue,
      mobileNumber: "07700900123",
      personalisationParams: visitDueFields,
      sendAt,
    });
    expect(json.sendAt).toBe(sendAt);
    expect(json.deliveries[0].status).toBe("scheduled");
  });

  it("fills a category's audience, action and follow-on link; explicit fields win", async () => {
    const { json: defaulted } = await post(demo.serviceHeaders, {
      notificationType: "Screen",
      category: "estimateApproval",
      message: "Estimate E-1042 for 1 Mare Street is ready",
      targetType: "asset",
      targetId: "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0c01",
    });
    expect(defaulted).toMatchObject({
      category: "estimateApproval",
      recipient: { team: "finance" },
      requireAction: true,
      actionRequired: true,
      isRemovable: false,
      actionUrl: "/activity/asset/6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0c01",
      actionLabel: "Approve estimate",
    });
    const { json: explicit } = await post(demo.serviceHeaders, {
      notificationType: "Screen",
      category: "estimateApproval",
      message: "FYI only",
      recipient: { userId: demo.people.grace!.id },
      requireAction: false,
      actionUrl: "https://finance.council.example/estimates/E-1042",
    });
    expect(explicit).toMatchObject({
      recipient: { userId: demo.people.grace!.id },
      requireAction: false,
      actionUrl: "https://finance.council.example/estimates/E-1042",
    });
  });

  it.each([
    ["no body fields", {}, ["notificationType"]],
    ["an unknown type", { notificationType: "Fax" }, ["notificationType"]],
    ["a screen item without message or recipient", { notificationType: "Screen" }, ["message", "recipient"]],
    ["targetType without targetId", { ...screenToFinance, targetId: undefined }, ["targetId"]],
    ["a recipient with two keys", { ...screenToFinance, recipient: { team: "finance", role: "admin" } }, ["recipient"]],
    ["an unknown role", { ...screenToFinance, recipient: { role: "wizard" } }, ["recipient"]],
    [
      "an email without address, service or template",
      { notificationType: "Email" },
      ["serviceKey", "templateId", "email"],
    ],
    [
      "a bad email address",
      { notificationType: "Email", serviceKey: "housing", templateId, email: "nope@" },
      ["email"],
    ],
    [
      "an unknown service",
      { notificationType: "Email", serviceKey: "payroll", templateId, email: "a@example.com" },
      ["serviceKey"],
    ],
    [
      "a template id that is not a uuid",
      { notificationType: "Email", serviceKey: "housing", templateId: "welcome", email: "a@example.com" },
      ["templateId"],
    ],
    ["a text without a number", { notificationType: "Text", serviceKey: "housing", templateId }, ["mobileNumber"]],
    [
      "a landline",
      { notificationType: "Text", serviceKey: "housing", templateId, mobileNumber: "020 7946 0000" },
      ["mobileNumber"],
    ],
    [
      "a letter with two lines",
      {
        notificationType: "Letter",
        serviceKey: "housing",
        templateId,
        addressLine1: "1 Mare St",
        addressLine2: "E8 1DY",
      },
      ["addressLine1"],
    ],
    [
      "a letter without a postcode last",
      {
        notificationType: "Letter",
        serviceKey: "housing",
        templateId,
        addressLine1: "1 Mare St",
        addressLine2: "Hackney",
        addressLine3: "London",
      },
      ["addressLine3"],
    ],
    [
      "personalisation that is not an object",
      { ...screenToFinance, personalisationParams: ["a"] },
      ["personalisationParams"],
    ],
    ["a javascript: follow-on link", { ...screenToFinance, actionUrl: "javascript:alert(1)" }, ["actionUrl"]],
    ["a sendAt in the past", { ...screenToFinance, sendAt: "2020-01-01T00:00:00Z" }, ["sendAt"]],
    ["a sendAt that is not a date", { ...screenToFinance, sendAt: "tomorrow" }, ["sendAt"]],
    ["an unknown category", { ...screenToFinance, category: "birthday" }, ["category"]],
    ["a flag that is not a boolean", { ...screenToFinance, requireAction: "yes" }, ["requireAction"]],
  ])("rejects %s with 400 naming every failing field", async (_case, body, paths) => {
    const before = await database.handle.db.select({ count: sql<number>`count(*)::int` }).from(notifications);
    const { status, json, headers } = await post(demo.serviceHeaders, body);
    expect(status).toBe(400);
    expect(headers.get("content-type")).toBe("application/problem+json");
    expect(json.errors.map((error: { path: string }) => error.path).sort()).toEqual([...paths].sort());
    const after = await database.handle.db.select({ count: sql<number>`count(*)::int` }).from(notifications);
    expect(after[0]!.count).toBe(before[0]!.count);
  });

  it.each([
    ["a template the service does not have", { templateId }, ["templateId"]],
    ["a letter template for an email", { templateId: notifyTemplateIds.letter.visitDue }, ["templateId"]],
    [
      "an SMS template given as the email's own template",
      { emailTemplateId: notifyTemplateIds.sms.visitDue },
      ["emailTemplateId"],
    ],
    [
      "personalisation missing two of the template's fields",
      { personalisationParams: { ...visitDueFields, title: undefined, action_url: undefined } },
      ["personalisationParams.title", "personalisationParams.action_url"],
    ],
    [
      "no personalisation at all",
      { personalisationParams: undefined },
      ["title", "recipient_name", "urgent", "summary", "action_url"].map((field) => `personalisationParams.${field}`),
    ],
  ])("checks the template with Notify: rejects %s with 400 and stores nothing", async (_case, change, paths) => {
    const body = {
      notificationType: "Email",
      serviceKey: "housing",
      templateId: notifyTemplateIds.email.visitDue,
      email: "a@example.com",
      personalisationParams: visitDueFields,
      ...change,
    };
    const before = await database.handle.db.select({ count: sql<number>`count(*)::int` }).from(notifications);
    const { status, json } = await post(demo.serviceHeaders, body);
    expect(status).toBe(400);
    expect(json.errors.map((error: { path: string }) => error.path).sort()).toEqual([...paths].sort());
    const after = await database.handle.db.select({ count: sql<number>`count(*)::int` }).from(notifications);
    expect(after[0]!.count).toBe(before[0]!.count);
  });

  it("matches personalisation to template fields ignoring case, spaces and underscores, as Notify does", async () => {
    const { status } = await post(demo.serviceHeaders, {
      notificationType: "Letter",
      serviceKey: "housing",
      templateId: notifyTemplateIds.letter.noAccess,
      addressLine1: "Flat 1",
      addressLine2: "1 Mare Street",
      addressLine3: "E8 1DY",
      personalisationParams: { "Recipient Name": "Rosa", PROPERTY: "Flat 1", "visit-date": "1 Dec", work: "fix it" },
    });
    expect(status).toBe(201);
  });

  it.each([
    ["an unknown team", { team: "payroll" }, "recipient.team"],
    ["an unknown person", { userId: "00000000-0000-4000-8000-000000000000" }, "recipient.userId"],
  ])("rejects %s as a recipient and stores nothing", async (_case, recipient, path) => {
    const { status, json } = await post(demo.serviceHeaders, { ...screenToFinance, recipient });
    expect(status).toBe(400);
    expect(json.errors).toEqual([expect.objectContaining({ path })]);
  });

  it("caps how many notifications one caller sends one recipient in an hour, naming the field", async () => {
    const body = { notificationType: "Screen", message: "Again", recipient: { userId: demo.people.rob!.id } };
    for (let sent = 0; sent < recipientLimiter.limit; sent++) {
      expect((await post(demo.otherServiceHeaders, body)).status).toBe(201);
    }
    const { status, json, headers } = await post(demo.otherServiceHeaders, body);
    expect(status).toBe(429);
    expect(headers.get("retry-after")).toMatch(/^\d+$/);
    expect(json.errors).toEqual([expect.objectContaining({ path: "recipient" })]);
    expect((await post(demo.serviceHeaders, body)).status).toBe(201);
  });

  it("answers malformed JSON, a wrong content type and a missing scope with the right 4xx", async () => {
    expect((await post(demo.serviceHeaders, "{not json")).status).toBe(400);
    const wrongType = await callRoute(collection.POST, "POST", "/api/v1/notifications", {
      headers: { ...demo.serviceHeaders, "content-type": "text/plain" },
      body: JSON.stringify(screenToFinance),
    });
    expect(wrongType.status).toBe(415);
    expect((await post(await demo.as("rosa"), screenToFinance)).status).toBe(403);
  });
});

describe("Idempotency-Key", () => {
  it("returns the first response for a repeat and creates nothing new", async () => {
    const body = { ...screenToFinance, message: "Idempotent create" };
    const first = await post(demo.serviceHeaders, body, { "idempotency-key": "create-42" });
    const second = await post(demo.serviceHeaders, body, { "idempotency-key": "create-42" });
    expect(second.status).toBe(201);
    expect(second.json.id).toBe(first.json.id);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    const stored = await database.handle.db
      .select()
      .from(notifications)
      .where(eq(notifications.message, "Idempotent create"));
    expect(stored).toHaveLength(1);
  });

  it("refuses the same key with a different body, and keeps keys apart per caller", async () => {
    await post(demo.serviceHeaders, { ...screenToFinance, message: "Key A" }, { "idempotency-key": "create-43" });
    const clash = await post(
      demo.serviceHeaders,
      { ...screenToFinance, message: "Key B" },
      { "idempotency-key": "create-43" },
    );
    expect(clash.status).toBe(409);
    const otherCaller = await post(
      demo.otherServiceHeaders,
      { ...screenToFinance, message: "Key B" },
      { "idempotency-key": "create-43" },
    );
    expect(otherCaller.status).toBe(201);
  });
});

describe("Idempotency-Key while GOV.UK Notify is unreachable", () => {
  it("replays a stored create without asking Notify, and refuses a new one with 503 that stores nothing", async () => {
    const body = {
      notificationType: "Email",
      serviceKey: "housing",
      templateId: notifyTemplateIds.email.visitDue,
      email: "a@example.com",
      personalisationParams: visitDueFields,
    };
    const first = await post(demo.serviceHeaders, body, { "idempotency-key": "create-while-down" });
    expect(first.status).toBe(201);
    clearTemplateCache();
    notify.simulator.setFailure({ status: 500, share: 1 });
    try {
      const replay = await post(demo.serviceHeaders, body, { "idempotency-key": "create-while-down" });
      expect(replay.status).toBe(201);
      expect(replay.json.id).toBe(first.json.id);
      const fresh = await post(
        demo.serviceHeaders,
        { ...body, email: "b@example.com" },
        { "idempotency-key": "create-while-down-2" },
      );
      expect(fresh.status).toBe(503);
      expect(
        await database.handle.db.select().from(notifications).where(eq(notifications.email, "b@example.com")),
      ).toEqual([]);
    } finally {
      notify.simulator.setFailure(null);
    }
    const retried = await post(
      demo.serviceHeaders,
      { ...body, email: "b@example.com" },
      { "idempotency-key": "create-while-down-2" },
    );
    expect(retried.status).toBe(201);
  });
});

describe("PATCH /api/v1/notifications/{id}", () => {
  async function estimateForFinance(message: string) {
    const { json } = await post(demo.serviceHeaders, {
      notificationType: "Screen",
      category: "estimateApproval",
      message,
    });
    return json.id as string;
  }

  it.each([
    ["Approved without a note", { actionType: "Approved" }, ["actionNote"]],
    ["Rejected without a note", { actionType: "Rejected", actionNote: "  " }, ["actionNote"]],
    ["an unknown action", { actionType: "Archive" }, ["actionType"]],
    ["a note that is too long", { actionType: "Validate", actionNote: "x".repeat(2001) }, ["actionNote"]],
  ])("rejects %s", async (_case, body, paths) => {
    const id = await estimateForFinance(`Validation ${_case}`);
    const { status, json } = await patch(await demo.as("fiona"), id, body);
    expect(status).toBe(400);
    expect(json.errors.map((error: { path: string }) => error.path)).toEqual(paths);
  });

  it("records an approval once for the team: audit row, activity entry, colleagues' lists cleared", async () => {
    const id = await estimateForFinance("Estimate E-2001 needs approval");
    const farid = await demo.as("farid");
    expect(
      (await list(farid, { status: "actionRequired" })).json.results.map((item: { id: string }) => item.id),
    ).toContain(id);

    const { status, json } = await patch(await demo.as("fiona"), id, {
      actionType: "Approved",
      actionNote: "Checked against the contract",
    });
    expect(status).toBe(200);
    expect(json).toMatchObject({
      performedActionType: "Approved",
      actionNote: "Checked against the contract",
      performedActionDoneBy: "Fiona Finch",
      actionRequired: false,
      isRemovable: true,
      isReadStatus: true,
    });
    expect(json.actions).toEqual([
      expect.objectContaining({
        actionType: "Approved",
        actionNote: "Checked against the contract",
        performedBy: "Fiona Finch",
      }),
    ]);

    expect(
      (await list(farid, { status: "actionRequired" })).json.results.map((item: { id: string }) => item.id),
    ).not.toContain(id);
    const seenByColleague = await get(farid, id);
    expect(seenByColleague.json).toMatchObject({ performedActionDoneBy: "Fiona Finch", isReadStatus: false });

    const clash = await patch(farid, id, { actionType: "Rejected", actionNote: "I disagree" });
    expect(clash.status).toBe(409);
    expect(clash.json.detail).toContain("Fiona Finch already recorded Approved");

    const history = await database.handle.db.select().from(activities).where(eq(activities.targetId, id));
    expect(history).toEqual([
      expect.objectContaining({
        targetType: "notification",
        type: "update",
        newData: expect.objectContaining({ performedActionType: "Approved" }),
        authorDetails: expect.objectContaining({ fullName: "Fiona Finch", email: "fiona.finch@council.example" }),
      }),
    ]);
  });

  it("lets the person who claimed an item record the outcome after Initiated", async () => {
    const id = await estimateForFinance("Estimate E-2002");
    const fiona = await demo.as("fiona");
    expect((await patch(fiona, id, { actionType: "Initiated" })).status).toBe(200);
    expect((await patch(await demo.as("grace"), id, { actionType: "Validate" })).status).toBe(409);
    const { json } = await patch(fiona, id, { actionType: "Rejected", actionNote: "Over budget" });
    expect(json.actions.map((action: { actionType: string }) => action.actionType)).toEqual(["Initiated", "Rejected"]);
  });

  it("marks read for the reader only, and never lets a resident approve", async () => {
    const { json: created } = await post(demo.serviceHeaders, {
      notificationType: "Screen",
      message: "Your repair is booked",
      recipient: { userId: demo.people.rosa!.id },
      requireAction: true,
    });
    const rosa = await demo.as("rosa");
    expect((await patch(rosa, created.id, { actionType: "Approved", actionNote: "ok" })).status).toBe(403);
    const { json } = await patch(rosa, created.id, { actionType: "IsRead" });
    expect(json.isReadStatus).toBe(true);
    expect(json.actionRequired).toBe(true);
  });

  it("keeps the audit trail append-only in the database itself", async () => {
    const id = await estimateForFinance("Estimate E-2003");
    await patch(await demo.as("fiona"), id, { actionType: "Validate" });
    const { db } = database.handle;
    await expect(
      db.update(notificationActions).set({ actionNote: "rewritten" }).where(eq(notificationActions.notificationId, id)),
    ).rejects.toThrow();
    await expect(db.delete(notificationActions).where(eq(notificationActions.notificationId, id))).rejects.toThrow();
    expect(await db.select().from(notificationActions).where(eq(notificationActions.notificationId, id))).toHaveLength(
      1,
    );
  });
});

describe("DELETE /api/v1/notifications/{id}", () => {
  it("refuses while an action is required, then soft-deletes and keeps the audit", async () => {
    const { json: created } = await post(demo.serviceHeaders, {
      notificationType: "Screen",
      category: "suspenseAccountTransfer",
      message: "Transfer T-9",
    });
    const fiona = await demo.as("fiona");
    expect((await remove(fiona, created.id)).status).toBe(409);
    await patch(fiona, created.id, { actionType: "Approved", actionNote: "Matched to rent account" });
    expect((await remove(fiona, created.id)).status).toBe(204);
    expect((await get(fiona, created.id)).status).toBe(404);
    expect((await get(demo.serviceHeaders, created.id)).status).toBe(404);
    const trail = await database.handle.db
      .select()
      .from(notificationActions)
      .where(eq(notificationActions.notificationId, created.id));
    expect(trail).toHaveLength(1);
  });

  it("answers 404 for someone else's notification, so ids leak nothing", async () => {
    const { json: created } = await post(demo.serviceHeaders, screenToFinance);
    expect((await remove(demo.otherServiceHeaders, created.id)).status).toBe(404);
    expect((await remove(await demo.as("rob"), created.id)).status).toBe(404);
    expect((await get(demo.serviceHeaders, "not-a-uuid")).status).toBe(400);
  });
});

describe("GET /api/v1/notifications", () => {
  it("pages newest first without gaps or repeats, and ends with nextToken null", async () => {
    const hana = demo.people.hana!;
    const created: string[] = [];
    for (let index = 0; index < 25; index++) {
      const { json } = await post(demo.serviceHeaders, {
        notificationType: "Screen",
        message: `Item ${index}`,
        recipient: { userId: hana.id },
      });
      created.push(json.id);
    }
    const headers = await demo.as("hana");
    const seen: string[] = [];
    let token: string | null = null;
    const sizes: number[] = [];
    do {
      const { json } = await list(headers, { pageSize: "10", ...(token ? { paginationToken: token } : {}) });
      sizes.push(json.results.length);
      seen.push(...json.results.map((item: { id: string }) => item.id));
      token = json.paginationDetails.nextToken;
    } while (token);
    expect(sizes).toEqual([10, 10, 5]);
    expect(seen).toEqual([...created].reverse());
  });

  it("gives no next token when a page ends exactly on the last item", async () => {
    const headers = await demo.as("hana");
    const { json } = await list(headers, { pageSize: "25" });
    expect(json.results).toHaveLength(25);
    expect(json.paginationDetails.nextToken).toBeNull();
  });

  it("lists each item with its own deliveries, and none on a screen-only item", async () => {
    const tom = demo.people.tom!;
    const { json: emailed } = await post(demo.serviceHeaders, {
      notificationType: "Email",
      serviceKey: "housing",
      emailTemplateId: notifyTemplateIds.email.visitDue,
      smsTemplateId: notifyTemplateIds.sms.visitDue,
      email: "tom.baker@resident.example",
      requireSmsNotification: true,
      mobileNumber: "07700 900123",
      personalisationParams: visitDueFields,
      recipient: { userId: tom.id },
    });
    const { json: screen } = await post(demo.serviceHeaders, {
      notificationType: "Screen",
      message: "Screen only",
      recipient: { userId: tom.id },
    });
    const headers = await demo.as("tom");
    const channels = (json: { results: { id: string; deliveries: { channel: string }[] }[] }) =>
      json.results.map((item) => [item.id, item.deliveries.map((delivery) => delivery.channel)]);
    // The unfiltered inbox (a prepared query) and a search (built per request) agree.
    expect(channels((await list(headers)).json)).toEqual([
      [screen.id, []],
      [emailed.id, ["email", "sms"]],
    ]);
    expect(channels((await list(headers, { q: "Screen only" })).json)).toEqual([[screen.id, []]]);
    const first = await list(headers, { pageSize: "1" });
    expect(channels(first.json)).toEqual([[screen.id, []]]);
    const second = await list(headers, { pageSize: "1", paginationToken: first.json.paginationDetails.nextToken });
    expect(channels(second.json)).toEqual([[emailed.id, ["email", "sms"]]]);
  });

  it("filters by type, target and status", async () => {
    const carl = demo.people.carl!;
    const targetId = "1a2b3c4d-0000-4000-8000-00000000abcd";
    await post(demo.serviceHeaders, {
      notificationType: "Screen",
      message: "About the work order",
      recipient: { userId: carl.id },
      targetType: "workOrder",
      targetId,
    });
    await post(demo.serviceHeaders, {
      notificationType: "Screen",
      message: "Something else",
      recipient: { userId: carl.id },
    });
    const headers = await demo.as("carl");
    const byTarget = await list(headers, { targetId });
    expect(byTarget.json.results.map((item: { message: string }) => item.message)).toEqual(["About the work order"]);
    expect((await list(headers, { notificationType: "Email" })).json.results).toEqual([]);
    const [first] = byTarget.json.results;
    await patch(headers, first.id, { actionType: "IsRead" });
    expect((await list(headers, { status: "read" })).json.results.map((item: { id: string }) => item.id)).toEqual([
      first.id,
    ]);
    expect(
      (await list(headers, { status: "unread" })).json.results.map((item: { message: string }) => item.message),
    ).toEqual(["Something else"]);
  });

  it("shows a client service only what it created", async () => {
    const { json: mine } = await post(demo.otherServiceHeaders, {
      ...screenToFinance,
      message: "From the other service",
    });
    const theirs = await list(demo.serviceHeaders, { pageSize: "100" });
    expect(theirs.json.results.map((item: { id: string }) => item.id)).not.toContain(mine.id);
    const own = await list(demo.otherServiceHeaders, { pageSize: "100" });
    expect(own.json.results.map((item: { id: string }) => item.id)).toContain(mine.id);
  });

  it.each<[Record<string, string>, string]>([
    [{ pageSize: "0" }, "pageSize"],
    [{ pageSize: "101" }, "pageSize"],
    [{ status: "maybe" }, "status"],
    [{ paginationToken: "garbage" }, "paginationToken"],
    // A token edited by hand whose time Postgres would refuse: not a time, year 0, 30 February.
    ...["x", "0000-01-01 00:00:00+00", "2026-02-30 10:00:00+00"].map((at): [Record<string, string>, string] => [
      {
        paginationToken: Buffer.from(JSON.stringify({ at, id: "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0b01" })).toString(
          "base64url",
        ),
      },
      "paginationToken",
    ]),
    [{ from: "0000-01-01" }, "from"],
    [{ to: "0000-12-31" }, "to"],
  ])("rejects %j", async (query, path) => {
    const { status, json } = await list(demo.serviceHeaders, query);
    expect(status).toBe(400);
    expect(json.errors[0].path).toBe(path);
  });
});

describe("GET /api/v1/notifications/counts", () => {
  it("counts unread and action-required items for the person", async () => {
    const dee = demo.people.dee!;
    const headers = await demo.as("dee");
    const before = (await callRoute(counts.GET, "GET", "/api/v1/notifications/counts", { headers })).json;
    await post(demo.serviceHeaders, { notificationType: "Screen", message: "FYI", recipient: { userId: dee.id } });
    const { json: needsAction } = await post(demo.serviceHeaders, {
      notificationType: "Screen",
      category: "followOnWork",
      message: "Raise a follow-on",
    });
    const after = (await callRoute(counts.GET, "GET", "/api/v1/notifications/counts", { headers })).json;
    expect(after).toEqual({
      unread: before.unread + 2,
      actionRequired: before.actionRequired + 1,
      all: before.all + 2,
      archived: before.archived,
    });
    await patch(headers, needsAction.id, { actionType: "Initiated" });
    const settled = (await callRoute(counts.GET, "GET", "/api/v1/notifications/counts", { headers })).json;
    expect(settled).toEqual({
      unread: before.unread + 1,
      actionRequired: before.actionRequired,
      all: before.all + 2,
      archived: before.archived,
    });
  });
});

const countAll = async () => {
  const [row] = await database.handle.db
    .execute(
      sql`select (select count(*)::int from notifications) as notifications,
    (select count(*)::int from documents) as documents, (select count(*)::int from deliveries) as deliveries`,
    )
    .then((result) => rowsOf<Record<string, number>>(result));
  return row;
};

describe("POST /api/v1/notifications with an attachment", () => {
  const emailBody = {
    notificationType: "Email",
    serviceKey: "housing",
    templateId: notifyTemplateIds.email.visitDue,
    email: "rosa@example.com",
    personalisationParams: { recipient_name: "Rosa", title: "Your statement", summary: "Attached", urgent: "no" },
  };
  const attachment = (content: Buffer, extra: Record<string, unknown> = {}) => ({
    personalisationField: "action_url",
    filename: "statement.pdf",
    content: content.toString("base64"),
    ...extra,
  });

  it("accepts a file up to 2 MB, counting it as the template's link field", async () => {
    const { status, json } = await post(demo.serviceHeaders, {
      ...emailBody,
      attachment: attachment(Buffer.alloc(2 * 1024 * 1024, 1)),
    });
    expect(status, JSON.stringify(json)).toBe(201);
    expect(json.deliveries[0].documentId).toEqual(expect.any(String));
  });

  it.each([
    ["a file over 2 MB", { attachment: attachment(Buffer.alloc(2 * 1024 * 1024 + 1, 1)) }, "attachment.content"],
    [
      "a text message with a file",
      {
        notificationType: "Text",
        templateId: notifyTemplateIds.sms.visitDue,
        mobileNumber: "07700 900123",
        attachment: attachment(Buffer.from("x")),
      },
      "attachment",
    ],
    [
      "a file name without an extension",
      { attachment: attachment(Buffer.from("x"), { filename: "statement" }) },
      "attachment.filename",
    ],
    [
      "content that is not base64",
      { attachment: { ...attachment(Buffer.from("x")), content: "not base64!" } },
      "attachment.content",
    ],
    [
      "a retention period past 78 weeks",
      { attachment: attachment(Buffer.from("x"), { retentionPeriod: "79 weeks" }) },
      "attachment.retentionPeriod",
    ],
  ])("refuses %s, storing nothing", async (_name, change, path) => {
    const before = await countAll();
    const { status, json } = await post(demo.serviceHeaders, { ...emailBody, ...change });
    expect(status).toBe(400);
    expect(json.errors.map((error: { path: string }) => error.path)).toContain(path);
    expect(await countAll()).toEqual(before);
  });
});
