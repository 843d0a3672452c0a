import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { activities } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { createApiClient } from "@/lib/auth/api-clients";
import { purgeExpiredActivities } from "@/lib/activity/purge-expired";
import {
  activityAuthor as author,
  postActivities as post,
  seedActivityHistory,
  seededCreatedAt,
} from "@/lib/testing/activity-history";
import { callRoute } from "@/lib/testing/call-route";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";
import { postNotification } from "@/lib/testing/notification-requests";
import * as oneActivity from "./[id]/route";
import * as history from "./route";

const database = setUpTestDatabase();
let demo: DemoCallers;

beforeAll(async () => {
  demo = await setUpDemoCallers(database.handle.db);
});

const get = (headers: Record<string, string>, query: Record<string, string>) =>
  callRoute(history.GET, "GET", "/api/v1/activityHistory", { headers, query });
const seedHistory = (count: number, targetId?: string) => seedActivityHistory(demo.serviceHeaders, count, targetId);

function expectNewestFirst(results: { createdAt: string }[]) {
  const times = results.map((result) => Date.parse(result.createdAt));
  expect(times).toEqual([...times].sort((a, b) => b - a));
}

// The council's Activity History API test scenarios (GetActivityHistoryByTargetIdTests), as our own.
describe("GET /api/v1/activityHistory (the council's scenarios)", () => {
  it("returns the history in the council's shape, newest first", async () => {
    const targetId = await seedHistory(3);
    const { status, json } = await get(demo.serviceHeaders, { targetId });
    expect(status).toBe(200);
    expect(json.paginationDetails).toEqual({ nextToken: null });
    expect(json.results[0]).toEqual({
      id: expect.any(String),
      targetId,
      type: "update",
      targetType: "person",
      createdAt: seededCreatedAt(2),
      timetoLiveForRecord: 0,
      oldData: { firstName: "Name 2" },
      newData: { firstName: "Name 3" },
      authorDetails: { id: expect.any(String), fullName: "demo-service", email: "demo-service@api-clients.invalid" },
      onBehalfOf: author,
      sourceDomain: "Person",
      recordedAt: expect.any(String),
    });
    expectNewestFirst(json.results);
  });

  it.each([
    [undefined, 10],
    ["5", 5],
    ["15", 15],
    ["100", 30],
  ])("with 30 records and pageSize %s returns %i", async (pageSize, expected) => {
    const targetId = await seedHistory(30);
    const { json } = await get(demo.serviceHeaders, { targetId, ...(pageSize ? { pageSize } : {}) });
    expect(json.results).toHaveLength(expected);
    expectNewestFirst(json.results);
  });

  it("gives the first page of 35 ten results and a next token", async () => {
    const targetId = await seedHistory(35);
    const { json } = await get(demo.serviceHeaders, { targetId });
    expect(json.results).toHaveLength(10);
    expect(json.paginationDetails.nextToken).toEqual(expect.any(String));
  });

  it("gives no token when exactly one page of records exists", async () => {
    const targetId = await seedHistory(10);
    const { json } = await get(demo.serviceHeaders, { targetId });
    expect(json.results).toHaveLength(10);
    expect(json.paginationDetails.nextToken).toBeNull();
  });

  it("walks every page by token, newest first, without gaps or repeats", async () => {
    const targetId = await seedHistory(35);
    const seen: string[] = [];
    let token: string | null = null;
    do {
      const { json } = await get(demo.serviceHeaders, {
        targetId,
        pageSize: "10",
        ...(token ? { paginationToken: token } : {}),
      });
      seen.push(...json.results.map((result: { createdAt: string }) => result.createdAt));
      token = json.paginationDetails.nextToken;
    } while (token);
    expect(seen).toHaveLength(35);
    expect(new Set(seen).size).toBe(35);
    expect(seen.map(Date.parse)).toEqual([...seen.map(Date.parse)].sort((a, b) => b - a));
  });

  it("answers 404 for a target with no history", async () => {
    const { status, headers } = await get(demo.serviceHeaders, { targetId: randomUUID() });
    expect(status).toBe(404);
    expect(headers.get("content-type")).toBe("application/problem+json");
  });

  it.each([
    [{ targetId: "12345667890" }, "targetId"],
    [{}, "targetId"],
    [{ targetId: randomUUID(), pageSize: "0" }, "pageSize"],
    [{ targetId: randomUUID(), pageSize: "ten" }, "pageSize"],
  ])("answers 400 for %j", async (query, path) => {
    const { status, json } = await get(demo.serviceHeaders, query);
    expect(status).toBe(400);
    expect(json.errors[0].path).toBe(path);
  });
});

describe("POST /api/v1/activityHistory", () => {
  it("stores one activity and answers 201 with it", async () => {
    const targetId = randomUUID();
    const { status, json } = await post(demo.serviceHeaders, {
      type: "create",
      targetType: "tenure",
      targetId,
      newData: { paymentReference: "228003470" },
      authorDetails: author,
    });
    expect(status).toBe(201);
    expect(json).toMatchObject({
      targetId,
      type: "create",
      targetType: "tenure",
      oldData: null,
      newData: { paymentReference: "228003470" },
    });
  });

  it("answers with recordedAt, the time it was stored, beside the createdAt the caller gave", async () => {
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const before = Date.now();
    const { json } = await post(demo.serviceHeaders, {
      type: "update",
      targetType: "person",
      targetId: randomUUID(),
      createdAt: twoDaysAgo,
      authorDetails: author,
    });
    expect(json.createdAt).toBe(twoDaysAgo);
    expect(Date.parse(json.recordedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(json.recordedAt)).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it("stores a repeated id once", async () => {
    const id = randomUUID();
    const activity = {
      id,
      type: "update",
      targetType: "asset",
      targetId: randomUUID(),
      authorDetails: author,
      newData: { a: 1 },
    };
    await post(demo.serviceHeaders, activity);
    const again = await post(demo.serviceHeaders, [activity, { ...activity, newData: { a: 2 } }]);
    expect(again.status).toBe(201);
    expect(again.json).toHaveLength(1);
    expect(again.json[0].newData).toEqual({ a: 1 });
    expect(await database.handle.db.select().from(activities).where(eq(activities.id, id))).toHaveLength(1);
  });

  it("names every failing field, with the array index, and stores none of the batch", async () => {
    const targetId = randomUUID();
    const { status, json } = await post(demo.serviceHeaders, [
      { type: "update", targetType: "person", targetId, authorDetails: author },
      { type: "rename", targetType: "planet", targetId: "x", authorDetails: { fullName: "" } },
    ]);
    expect(status).toBe(400);
    expect(json.errors.map((error: { path: string }) => error.path)).toEqual(
      expect.arrayContaining([
        "1.type",
        "1.targetType",
        "1.targetId",
        "1.authorDetails.fullName",
        "1.authorDetails.email",
      ]),
    );
    expect(await database.handle.db.select().from(activities).where(eq(activities.targetId, targetId))).toHaveLength(0);
  });

  it.each(["directoryPerson", "directoryTeam"])(
    "lets no client write the directory's own history (%s)",
    async (targetType) => {
      const { status, json } = await post(demo.serviceHeaders, {
        type: "update",
        targetType,
        targetId: randomUUID(),
        authorDetails: author,
      });
      expect(status).toBe(400);
      expect(json.errors.map((error: { path: string }) => error.path)).toEqual(["targetType"]);
    },
  );

  it("needs the activity:write scope", async () => {
    const { status } = await post(await demo.as("rosa"), {
      type: "update",
      targetType: "person",
      targetId: randomUUID(),
      authorDetails: author,
    });
    expect(status).toBe(403);
  });
});

describe("residents", () => {
  it("read their own person's and tenure's history, and nobody else's", async () => {
    const rosa = demo.people.rosa!;
    const tom = demo.people.tom!;
    await seedHistory(2, rosa.personId!);
    await seedHistory(2, rosa.tenureIds[0]!);
    await seedHistory(2, tom.personId!);
    const headers = await demo.as("rosa");
    expect((await get(headers, { targetId: rosa.personId! })).status).toBe(200);
    expect((await get(headers, { targetId: rosa.tenureIds[0]! })).status).toBe(200);
    const someoneElse = await get(headers, { targetId: tom.personId! });
    expect(someoneElse.status).toBe(404);
    expect(JSON.stringify(someoneElse.json)).not.toContain("Name");
    expect((await get(await demo.as("hana"), { targetId: tom.personId! })).status).toBe(200);
  });
});

describe("whose history a caller reads (the record's readers only)", () => {
  const statusesFor = async (targetId: string, callers: Record<string, Record<string, string>>) => {
    const statuses: Record<string, number> = {};
    for (const [name, headers] of Object.entries(callers)) statuses[name] = (await get(headers, { targetId })).status;
    return statuses;
  };

  it("gives a notification's history, decisions and all, only to those who may read the notification", async () => {
    const created = await postNotification(demo.serviceHeaders, {
      notificationType: "Screen",
      message: "Approve the estimate",
      recipient: { userId: demo.people.fiona!.id },
    });
    const notificationId: string = created.json.id;
    await post(demo.serviceHeaders, {
      type: "update",
      targetType: "notification",
      targetId: notificationId,
      newData: { performedActionType: "Approved", performedActionNote: "Checked the figures" },
    });
    const reader = await createApiClient(database.handle.db, { name: "history-reader", scopes: ["activity:read"] });
    expect(
      await statusesFor(notificationId, {
        addressee: await demo.as("fiona"),
        colleague: await demo.as("farid"),
        contractor: await demo.as("carl"),
        resident: await demo.as("rosa"),
        admin: await demo.as("alex"),
        creator: demo.serviceHeaders,
        anotherClient: { authorization: `Bearer ${reader.key}` },
      }),
    ).toEqual({
      addressee: 200,
      colleague: 404,
      contractor: 404,
      resident: 404,
      admin: 200,
      creator: 200,
      anotherClient: 404,
    });
    const refused = await get(await demo.as("farid"), { targetId: notificationId });
    expect(JSON.stringify(refused.json)).not.toContain("Checked the figures");
    expect(refused.json.detail).toBe("There is no activity history for this record");
  });

  it("gives one activity of a notification's history by id to exactly those the list gives it to", async () => {
    const created = await postNotification(demo.serviceHeaders, {
      notificationType: "Screen",
      message: "Approve the quote",
      recipient: { userId: demo.people.fiona!.id },
    });
    const posted = await post(demo.serviceHeaders, [
      {
        type: "update",
        targetType: "notification",
        targetId: created.json.id,
        newData: { performedActionType: "Approved", performedActionNote: "Quote checked" },
      },
    ]);
    const activityId: string = posted.json[0].id;
    const reader = await createApiClient(database.handle.db, { name: "one-reader", scopes: ["activity:read"] });
    const callers = {
      addressee: await demo.as("fiona"),
      colleague: await demo.as("farid"),
      resident: await demo.as("rosa"),
      admin: await demo.as("alex"),
      creator: demo.serviceHeaders,
      anotherClient: { authorization: `Bearer ${reader.key}` },
    };
    const byId: Record<string, number> = {};
    for (const [name, headers] of Object.entries(callers)) {
      const answer = await callRoute(oneActivity.GET, "GET", `/api/v1/activityHistory/${activityId}`, {
        headers,
        params: { id: activityId },
      });
      byId[name] = answer.status;
      if (answer.status === 200) expect(answer.json.newData.performedActionNote).toBe("Quote checked");
    }
    expect(byId).toEqual(await statusesFor(created.json.id, callers));
    expect(byId).toEqual({
      addressee: 200,
      colleague: 404,
      resident: 404,
      admin: 200,
      creator: 200,
      anotherClient: 404,
    });
  });

  it("gives a resident's records to the staff whose work covers that type of record", async () => {
    const tenureId = randomUUID();
    const workOrderId = randomUUID();
    await post(demo.serviceHeaders, [
      { type: "update", targetType: "tenure", targetId: tenureId, newData: { rent: "£112.40" } },
      { type: "create", targetType: "workOrder", targetId: workOrderId, newData: { description: "Leaking tap" } },
    ]);
    const callers = {
      finance: await demo.as("fiona"),
      housing: await demo.as("hana"),
      repairs: await demo.as("rob"),
      contactCentre: await demo.as("ravi"),
      contractor: await demo.as("carl"),
      admin: await demo.as("alex"),
      client: demo.serviceHeaders,
    };
    expect(await statusesFor(tenureId, callers)).toEqual({
      finance: 200,
      housing: 200,
      repairs: 404,
      contactCentre: 404,
      contractor: 404,
      admin: 200,
      client: 200,
    });
    expect(await statusesFor(workOrderId, callers)).toEqual({
      finance: 404,
      housing: 404,
      repairs: 200,
      contactCentre: 200,
      contractor: 200,
      admin: 200,
      client: 200,
    });
  });

  it("shows only the rows of types the caller reads when one id carries several, and pages them whole", async () => {
    const targetId = randomUUID();
    await seedHistory(12, targetId);
    await post(demo.serviceHeaders, { type: "create", targetType: "workOrder", targetId, newData: { a: 1 } });
    const { json } = await get(await demo.as("carl"), { targetId, pageSize: "5" });
    expect(json.results.map((row: { targetType: string }) => row.targetType)).toEqual(["workOrder"]);
    expect(json.paginationDetails.nextToken).toBeNull();
    const forHana = await get(await demo.as("hana"), { targetId, pageSize: "12" });
    expect(forHana.json.results).toHaveLength(12);
    expect(forHana.json.results.every((row: { targetType: string }) => row.targetType === "person")).toBe(true);
  });
});

describe("time to live", () => {
  it("purges records past their time to live and keeps the rest", async () => {
    const targetId = randomUUID();
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString();
    await post(demo.serviceHeaders, [
      {
        type: "update",
        targetType: "person",
        targetId,
        createdAt: twoDaysAgo,
        timetoLiveForRecord: 1,
        authorDetails: author,
        newData: { a: "expired" },
      },
      {
        type: "update",
        targetType: "person",
        targetId,
        createdAt: twoDaysAgo,
        timetoLiveForRecord: 30,
        authorDetails: author,
        newData: { a: "kept" },
      },
      {
        type: "update",
        targetType: "person",
        targetId,
        createdAt: twoDaysAgo,
        authorDetails: author,
        newData: { a: "forever" },
      },
    ]);
    expect(await purgeExpiredActivities(database.handle.db)).toBeGreaterThanOrEqual(1);
    const { json } = await get(demo.serviceHeaders, { targetId });
    expect(json.results.map((result: { newData: { a: string } }) => result.newData.a).sort()).toEqual([
      "forever",
      "kept",
    ]);
  });
});
