import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/client";
import { activities } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { purgeExpiredActivities } from "@/lib/activity/purge-expired";
import { callRoute } from "@/lib/testing/call-route";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";
import * as events from "../events/route";
import * as exportRoute from "./export/route";
import * as history from "./route";

const database = setUpTestDatabase();
let demo: DemoCallers;

beforeAll(async () => {
  demo = await setUpDemoCallers(database.handle.db);
});

const author = { fullName: "First Last", email: "first.last@council.example" };
const get = (headers: Record<string, string>, query: Record<string, string>) =>
  callRoute(history.GET, "GET", "/api/v1/activityHistory", { headers, query });
const post = (headers: Record<string, string>, body: unknown) =>
  callRoute(history.POST, "POST", "/api/v1/activityHistory", { headers, body });

/** `count` updates to one target, one minute apart, oldest first. */
async function seedHistory(count: number, targetId: string = randomUUID()) {
  const start = Date.parse("2026-01-01T09:00:00Z");
  const body = Array.from({ length: count }, (_, index) => ({
    type: "update",
    targetType: "person",
    targetId,
    createdAt: new Date(start + index * 60_000).toISOString(),
    oldData: { firstName: `Name ${index}` },
    newData: { firstName: `Name ${index + 1}` },
    authorDetails: author,
    sourceDomain: "Person",
  }));
  for (let offset = 0; offset < body.length; offset += 100) {
    const { status } = await post(demo.serviceHeaders, body.slice(offset, offset + 100));
    expect(status).toBe(201);
  }
  return targetId;
}

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
      createdAt: "2026-01-01T09:02:00.000Z",
      timetoLiveForRecord: 0,
      oldData: { firstName: "Name 2" },
      newData: { firstName: "Name 3" },
      authorDetails: author,
      sourceDomain: "Person",
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
    [{ targetId: randomUUID(), pageSize: "101" }, "pageSize"],
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
    await seedHistory(2, rosa.tenureId!);
    await seedHistory(2, tom.personId!);
    const headers = await demo.as("rosa");
    expect((await get(headers, { targetId: rosa.personId! })).status).toBe(200);
    expect((await get(headers, { targetId: rosa.tenureId! })).status).toBe(200);
    const someoneElse = await get(headers, { targetId: tom.personId! });
    expect(someoneElse.status).toBe(404);
    expect(JSON.stringify(someoneElse.json)).not.toContain("Name");
    expect((await get(await demo.as("hana"), { targetId: tom.personId! })).status).toBe(200);
  });
});

describe("POST /api/v1/events", () => {
  const event = (overrides: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    eventType: "PersonUpdatedEvent",
    sourceDomain: "Person",
    sourceSystem: "PersonAPI",
    version: "v1",
    correlationId: randomUUID(),
    dateTime: "2026-11-20T10:15:00Z",
    user: { name: "Hana Osei", email: "hana.osei@council.example" },
    entityId: randomUUID(),
    eventData: { oldData: { surname: "Smith" }, newData: { surname: "Smyth" } },
    ...overrides,
  });
  const send = (body: unknown) =>
    callRoute(events.POST, "POST", "/api/v1/events", { headers: demo.serviceHeaders, body });

  it.each([
    ["PersonUpdatedEvent", "update", "person"],
    ["PersonAddedToTenureEvent", "create", "tenurePerson"],
    ["PersonRemovedFromTenureEvent", "delete", "tenurePerson"],
    ["ProcessStartedAgainstTenureEvent", "create", "tenure"],
    ["CautionaryAlertEndedEvent", "end", "cautionaryAlert"],
    ["PatchOrAreaResEntityEditedEvent", "update", "patchesAndAreas"],
    ["ContactDetailAdded", "create", "contactDetails"],
  ])("maps %s to %s on %s", async (eventType, type, targetType) => {
    const body = event({ eventType });
    const { status, json } = await send(body);
    expect(status).toBe(201);
    expect(json.activity).toMatchObject({
      id: body.id,
      type,
      targetType,
      targetId: body.entityId,
      createdAt: "2026-11-20T10:15:00.000Z",
      authorDetails: { fullName: "Hana Osei", email: "hana.osei@council.example" },
      sourceDomain: "Person",
    });
  });

  it("stores nothing new when an event is delivered again", async () => {
    const body = event();
    await send(body);
    const again = await send(body);
    expect(again.status).toBe(200);
    expect(again.json.outcome).toBe("duplicate");
    expect(
      await database.handle.db.select().from(activities).where(eq(activities.targetId, body.entityId)),
    ).toHaveLength(1);
  });

  it("accepts and skips the event types the council's listener ignores", async () => {
    const body = event({ eventType: "ContactDetailEditedEvent" });
    const { status, json } = await send(body);
    expect(status).toBe(202);
    expect(json.outcome).toBe("ignored");
    expect(
      await database.handle.db.select().from(activities).where(eq(activities.targetId, body.entityId)),
    ).toHaveLength(0);
  });

  it("answers 400 naming an unknown event type", async () => {
    const { status, json } = await send(event({ eventType: "SpaceshipLandedEvent" }));
    expect(status).toBe(400);
    expect(json.detail).toContain("SpaceshipLandedEvent");
    expect(json.errors[0].path).toBe("eventType");
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

describe("GET /api/v1/activityHistory/export", () => {
  it("streams CSV with a header and defuses spreadsheet formulas", async () => {
    const targetId = randomUUID();
    await post(demo.serviceHeaders, {
      type: "create",
      targetType: "contract",
      targetId,
      createdAt: "2026-03-01T12:00:00Z",
      newData: { note: '=HYPERLINK("http://evil")' },
      authorDetails: { fullName: "-Dash, Person", email: "dash@council.example" },
    });
    const response = await exportRoute.GET(
      new Request(
        "http://test/api/v1/activityHistory/export?targetType=contract&from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z",
        {
          headers: demo.serviceHeaders,
        },
      ),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines[0]).toBe(
      "id,targetType,targetId,type,createdAt,authorName,authorEmail,sourceDomain,timetoLiveForRecord,oldData,newData",
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(
      `contract,${targetId},create,2026-03-01T12:00:00.000Z,"'-Dash, Person",dash@council.example`,
    );
  });

  it("is refused to residents and checks its dates", async () => {
    const asResident = await callRoute(exportRoute.GET, "GET", "/api/v1/activityHistory/export", {
      headers: await demo.as("rosa"),
    });
    expect(asResident.status).toBe(403);
    const badRange = await callRoute(exportRoute.GET, "GET", "/api/v1/activityHistory/export", {
      headers: demo.serviceHeaders,
      query: { from: "2026-03-02T00:00:00Z", to: "2026-03-01T00:00:00Z" },
    });
    expect(badRange.status).toBe(400);
  });

  it("offers analysts a read-only reporting view", async () => {
    const result = await database.handle.db.execute(
      sql`select author_name, activity_type from activity_history_report limit 1`,
    );
    expect(rowsOf<{ author_name: string }>(result)[0]).toHaveProperty("author_name");
  });
});
