import { describe, expect, it } from "vitest";
import * as one from "@/app/api/v1/sms/[id]/route";
import * as collection from "@/app/api/v1/sms/route";
import { demoIds } from "@/db/seed/demo-people";
import { visitDueFields } from "@/lib/notifications/testing/bodies";
import { errorPaths, notificationRoutes } from "@/lib/notifications/testing/notification-routes";
import { setUpNotificationsApi } from "@/lib/notifications/testing/set-up-notifications-api";
import { notifyTemplateIds } from "@/lib/notify-simulator";
import { callRoute } from "@/lib/testing/call-route";

// The seed's SMS API (004): POST /api/v1/sms { message, personId | userId, sendAt? } sends a
// caller's own words to a person in the directory, never to a number; GET lists and reads them back.

const { demo } = setUpNotificationsApi({ notify: true });

type Headers = Record<string, string>;
const sms = {
  post: (headers: Headers, body: unknown, extra: Headers = {}) =>
    callRoute(collection.POST, "POST", "/api/v1/sms", { headers: { ...headers, ...extra }, body }),
  list: (headers: Headers, query: Record<string, string> = {}) =>
    callRoute(collection.GET, "GET", "/api/v1/sms", { headers, query }),
  get: (headers: Headers, id: string) => callRoute(one.GET, "GET", `/api/v1/sms/${id}`, { headers, params: { id } }),
};
const ids = (json: { results: { id: string }[] }) => json.results.map((item) => item.id);

describe("POST /api/v1/sms", () => {
  it("texts a resident by council person id and answers 201 with the seed's fields", async () => {
    const message = "Your repair is booked for Tuesday morning.";
    const { status, json } = await sms.post(demo.serviceHeaders, { message, personId: demoIds.rosaPerson });
    expect(status, JSON.stringify(json)).toBe(201);
    expect(json).toEqual({
      id: expect.any(String),
      status: "pending",
      personId: demoIds.rosaPerson,
      userId: demo.people.rosa!.id,
      message,
      sendAt: null,
      createdAt: expect.any(String),
      sentAt: null,
      completedAt: null,
      error: null,
    });
  });

  it("texts a person by user id, and names their person id too", async () => {
    const { status, json } = await sms.post(demo.serviceHeaders, { message: "Hello", userId: demo.people.tom!.id });
    expect(status, JSON.stringify(json)).toBe(201);
    expect(json).toMatchObject({ personId: demoIds.tomPerson, userId: demo.people.tom!.id });
  });

  it("schedules a text with a future sendAt", async () => {
    const sendAt = new Date(Date.now() + 3_600_000).toISOString();
    const { status, json } = await sms.post(demo.serviceHeaders, {
      message: "Later",
      personId: demoIds.tomPerson,
      sendAt,
    });
    expect(status, JSON.stringify(json)).toBe(201);
    expect(json).toMatchObject({ status: "scheduled", sendAt });
  });

  it("replays the first answer for the same Idempotency-Key", async () => {
    const body = { message: "Once only", personId: demoIds.tomPerson };
    const first = await sms.post(demo.serviceHeaders, body, { "idempotency-key": "sms-once" });
    const again = await sms.post(demo.serviceHeaders, body, { "idempotency-key": "sms-once" });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.json.id).toBe(first.json.id);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
  });

  const refusals: { name: string; body: () => object; paths: string[]; message?: RegExp }[] = [
    { name: "no one to text", body: () => ({ message: "Hi" }), paths: ["personId"] },
    {
      name: "both a person id and a user id",
      body: () => ({ message: "Hi", personId: demoIds.rosaPerson, userId: demo.people.rosa!.id }),
      paths: ["personId"],
    },
    { name: "an empty message", body: () => ({ message: "  ", personId: demoIds.rosaPerson }), paths: ["message"] },
    {
      name: "a message longer than Notify's 918 characters",
      body: () => ({ message: "x".repeat(919), personId: demoIds.rosaPerson }),
      paths: ["message"],
      message: /918/,
    },
    {
      name: "a raw mobile number",
      body: () => ({ message: "Hi", mobileNumber: "07700900123" }),
      paths: ["personId", "mobileNumber"],
    },
    {
      name: "a sendAt in the past",
      body: () => ({ message: "Hi", personId: demoIds.rosaPerson, sendAt: "2020-01-01T09:00:00Z" }),
      paths: ["sendAt"],
    },
    {
      name: "a person with no mobile number",
      body: () => ({ message: "Hi", userId: demo.people.fiona!.id }),
      paths: ["userId"],
      message: /^Fiona Finch has no mobile number$/,
    },
    {
      name: "a person id nobody has",
      body: () => ({ message: "Hi", personId: "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0aff" }),
      paths: ["personId"],
    },
  ];
  for (const refusal of refusals) {
    it(`refuses ${refusal.name} with a 400 naming the field`, async () => {
      const { status, json } = await sms.post(demo.serviceHeaders, refusal.body());
      expect(status, JSON.stringify(json)).toBe(400);
      expect(errorPaths(json)).toEqual(refusal.paths);
      if (refusal.message) expect(json.errors[0].message).toMatch(refusal.message);
    });
  }

  it("takes a message of exactly 918 characters", async () => {
    const { status } = await sms.post(demo.serviceHeaders, { message: "y".repeat(918), personId: demoIds.tomPerson });
    expect(status).toBe(201);
  });
});

describe("GET /api/v1/sms and /api/v1/sms/{id}", () => {
  it("lists a client's own texts newest first, not other services' nor templated notifications", async () => {
    const mine = await sms.post(demo.serviceHeaders, { message: "Listed", personId: demoIds.rosaPerson });
    const theirs = await sms.post(demo.otherServiceHeaders, { message: "Not mine", personId: demoIds.rosaPerson });
    const templated = await notificationRoutes.post(demo.serviceHeaders, {
      notificationType: "Text",
      serviceKey: "housing",
      templateId: notifyTemplateIds.sms.visitDue,
      personalisationParams: visitDueFields,
      recipient: { personId: demoIds.rosaPerson },
    });
    expect(templated.status).toBe(201);
    const { status, json } = await sms.list(demo.serviceHeaders);
    expect(status).toBe(200);
    expect(ids(json)[0]).toBe(mine.json.id);
    expect(ids(json)).not.toContain(theirs.json.id);
    expect(ids(json)).not.toContain(templated.json.id);
    expect(json.results[0]).toMatchObject({ message: "Listed", personId: demoIds.rosaPerson });
  });

  it("filters by person id or user id, and pages like the notifications list", async () => {
    const tomsText = await sms.post(demo.serviceHeaders, { message: "For Tom", userId: demo.people.tom!.id });
    const byPerson = await sms.list(demo.serviceHeaders, { personId: demoIds.tomPerson });
    expect(byPerson.json.results.every((item: { userId: string }) => item.userId === demo.people.tom!.id)).toBe(true);
    expect(ids(byPerson.json)).toContain(tomsText.json.id);
    const byUser = await sms.list(demo.serviceHeaders, { userId: demo.people.rosa!.id, pageSize: "1" });
    expect(byUser.json.results).toHaveLength(1);
    expect(byUser.json.results[0].personId).toBe(demoIds.rosaPerson);
    const next = await sms.list(demo.serviceHeaders, {
      userId: demo.people.rosa!.id,
      pageSize: "1",
      paginationToken: byUser.json.paginationDetails.nextToken,
    });
    expect(next.json.results).toHaveLength(1);
    expect(next.json.results[0].id).not.toBe(byUser.json.results[0].id);
  });

  it("shows a text to the service that sent it and to the person it went to, and is a 404 for anyone else", async () => {
    const { json: sent } = await sms.post(demo.serviceHeaders, { message: "Private", personId: demoIds.rosaPerson });
    expect((await sms.get(demo.serviceHeaders, sent.id)).json).toMatchObject({ id: sent.id, message: "Private" });
    expect((await sms.get(await demo.as("rosa"), sent.id)).status).toBe(200);
    expect(ids((await sms.list(await demo.as("rosa"))).json)).toContain(sent.id);
    expect((await sms.get(demo.otherServiceHeaders, sent.id)).status).toBe(404);
    expect((await sms.get(await demo.as("tom"), sent.id)).status).toBe(404);
    expect(ids((await sms.list(await demo.as("tom"))).json)).not.toContain(sent.id);
  });

  it("is a 404 for a notification that is not a free-text text", async () => {
    const { json } = await notificationRoutes.post(demo.serviceHeaders, {
      notificationType: "Screen",
      message: "Not a text",
      recipient: { team: "finance" },
    });
    expect((await sms.get(demo.serviceHeaders, json.id)).status).toBe(404);
  });
});
