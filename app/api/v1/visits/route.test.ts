import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { activities } from "@/db/schema";
import { demoIds } from "@/db/seed/demo-people";
import { errorPaths, idsOf } from "@/lib/notifications/testing/notification-routes";
import { setUpNotificationsApi } from "@/lib/notifications/testing/set-up-notifications-api";
import { callRoute } from "@/lib/testing/call-route";
import { listUpcomingVisits, listVisitsAtProperty } from "@/lib/visits/upcoming-visits";
import * as itemRoute from "./[id]/route";
import * as listRoute from "./route";

// The visits API: booking, listing, rescheduling and cancelling, with validation and who may.

const { database, demo } = setUpNotificationsApi();
const db = () => database.handle.db;

const post = (headers: Record<string, string>, body: unknown) =>
  callRoute(listRoute.POST, "POST", "/api/v1/visits", { headers, body });
const list = (headers: Record<string, string>, query: Record<string, string> = {}) =>
  callRoute(listRoute.GET, "GET", "/api/v1/visits", { headers, query });
const get = (headers: Record<string, string>, id: string) =>
  callRoute(itemRoute.GET, "GET", `/api/v1/visits/${id}`, { headers, params: { id } });
const patch = (headers: Record<string, string>, id: string, body: unknown) =>
  callRoute(itemRoute.PATCH, "PATCH", `/api/v1/visits/${id}`, { headers, params: { id }, body });
const cancel = (headers: Record<string, string>, id: string) =>
  callRoute(itemRoute.DELETE, "DELETE", `/api/v1/visits/${id}`, { headers, params: { id } });

/** Rosa visited by Hana at a property of the test's own, an hour from `startsAt`. */
function visitBody(overrides: Record<string, unknown> = {}) {
  const startsAt = (overrides.startsAt as string | undefined) ?? "2027-03-02T10:00:00.000Z";
  return {
    propertyId: randomUUID(),
    personId: demoIds.rosaPerson,
    officerUserId: demo.people.hana!.id,
    startsAt,
    endsAt: new Date(Date.parse(startsAt) + 3600_000).toISOString(),
    kind: "gas safety check",
    ...overrides,
  };
}

async function book(overrides: Record<string, unknown> = {}) {
  const { status, json } = await post(demo.serviceHeaders, visitBody(overrides));
  expect(status, JSON.stringify(json)).toBe(201);
  return json;
}

const propertyHistory = (propertyId: string) =>
  db()
    .select()
    .from(activities)
    .where(and(eq(activities.targetType, "asset"), eq(activities.targetId, propertyId)))
    .orderBy(activities.recordedAt);

describe("POST /api/v1/visits", () => {
  it("books a visit to a resident named by person id, and records it on the property", async () => {
    const body = visitBody();
    const { status, json } = await post(demo.serviceHeaders, body);
    expect(status).toBe(201);
    expect(json).toMatchObject({
      propertyId: body.propertyId,
      personId: demoIds.rosaPerson,
      residentUserId: demo.people.rosa!.id,
      officerUserId: demo.people.hana!.id,
      startsAt: "2027-03-02T10:00:00.000Z",
      endsAt: "2027-03-02T11:00:00.000Z",
      kind: "gas safety check",
      status: "booked",
    });
    const [entry] = await propertyHistory(body.propertyId);
    expect(entry).toMatchObject({
      type: "update",
      sourceDomain: "Visits",
      oldData: null,
      newData: { visitId: json.id, visitKind: "gas safety check", visitStatus: "booked" },
    });
  });

  it("takes the resident by directory id too, and lets an admin book", async () => {
    const { status, json } = await post(
      await demo.as("alex"),
      visitBody({ personId: undefined, residentUserId: demo.people.tom!.id }),
    );
    expect(status, JSON.stringify(json)).toBe(201);
    expect(json.personId).toBe(demoIds.tomPerson);
  });

  it.each([
    ["a property id that is not a uuid", { propertyId: "12 Mare Street" }, ["propertyId"]],
    ["no resident", { personId: undefined }, ["personId"]],
    ["the resident twice", { residentUserId: randomUUID() }, ["personId"]],
    ["an officer id that is not a uuid", { officerUserId: "hana" }, ["officerUserId"]],
    ["a start with no zone", { startsAt: "2027-03-02T10:00:00", endsAt: "2027-03-02T11:00:00Z" }, ["startsAt"]],
    ["an end before the start", { endsAt: "2027-03-02T09:00:00Z" }, ["endsAt"]],
    ["an end equal to the start", { endsAt: "2027-03-02T10:00:00Z" }, ["endsAt"]],
    ["no kind", { kind: "  " }, ["kind"]],
    ["a kind too long", { kind: "x".repeat(101) }, ["kind"]],
    [
      "several bad fields",
      { propertyId: 1, kind: undefined, officerUserId: null },
      ["propertyId", "officerUserId", "kind"],
    ],
  ])("answers 400 naming each field for %s", async (_case, overrides, paths) => {
    const { status, headers, json } = await post(demo.serviceHeaders, visitBody(overrides));
    expect(status).toBe(400);
    expect(headers.get("content-type")).toContain("application/problem+json");
    expect(errorPaths(json)).toEqual(paths);
  });

  it.each([
    ["an unknown person id", () => ({ personId: randomUUID() }), "personId", "No person has this person id"],
    [
      "a member of staff as the resident",
      () => ({ personId: undefined, residentUserId: demo.people.fiona!.id }),
      "residentUserId",
      "Fiona Finch is not a resident",
    ],
    ["an unknown officer", () => ({ officerUserId: randomUUID() }), "officerUserId", "No person has this id"],
    [
      "a resident as the officer",
      () => ({ officerUserId: demo.people.tom!.id }),
      "officerUserId",
      "Tom Baker is not a member of staff",
    ],
  ])("answers 400 for %s, checked against the directory", async (_case, overrides, path, message) => {
    const { status, json } = await post(demo.serviceHeaders, visitBody(overrides()));
    expect(status).toBe(400);
    expect(json.errors).toEqual([{ path, message }]);
  });

  it("is refused to clients without visits:manage and to staff who are not admins", async () => {
    expect((await post(demo.otherServiceHeaders, visitBody())).status).toBe(403);
    expect((await post(await demo.as("hana"), visitBody())).status).toBe(403);
  });
});

describe("GET /api/v1/visits", () => {
  it("lists by start time, filtered by property, officer and from/to, a page at a time", async () => {
    const propertyId = randomUUID();
    const times = ["2027-05-04T09:00:00Z", "2027-05-01T09:00:00Z", "2027-05-03T09:00:00Z", "2027-05-02T09:00:00Z"];
    const booked = [];
    for (const startsAt of times) booked.push(await book({ propertyId, startsAt }));
    const byCarl = await book({ propertyId, startsAt: "2027-05-05T09:00:00Z", officerUserId: demo.people.carl!.id });
    const hana = await demo.as("hana");

    const first = await list(hana, { propertyId, pageSize: "2" });
    expect(first.status).toBe(200);
    const second = await list(hana, {
      propertyId,
      pageSize: "2",
      paginationToken: first.json.paginationDetails.nextToken,
    });
    const third = await list(hana, {
      propertyId,
      pageSize: "2",
      paginationToken: second.json.paginationDetails.nextToken,
    });
    const byTime = [...booked].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    expect([...idsOf(first.json), ...idsOf(second.json), ...idsOf(third.json)]).toEqual([
      ...byTime.map((visit) => visit.id),
      byCarl.id,
    ]);
    expect(third.json.paginationDetails.nextToken).toBeNull();

    const window = await list(hana, { propertyId, from: "2027-05-02T00:00:00Z", to: "2027-05-04T00:00:00Z" });
    expect(window.json.results.map((visit: { startsAt: string }) => visit.startsAt)).toEqual([
      "2027-05-02T09:00:00.000Z",
      "2027-05-03T09:00:00.000Z",
    ]);
    const carls = await list(hana, { propertyId, officerUserId: demo.people.carl!.id });
    expect(idsOf(carls.json)).toEqual([byCarl.id]);
  });

  it.each([
    ["a page size of 0", { pageSize: "0" }, ["pageSize"]],
    ["a property id that is not a uuid", { propertyId: "x" }, ["propertyId"]],
    ["a from that is not a time", { from: "tomorrow" }, ["from"]],
    ["a to before from", { from: "2027-05-02T00:00:00Z", to: "2027-05-01T00:00:00Z" }, ["to"]],
    ["an unknown status", { status: "done" }, ["status"]],
    ["a token not issued here", { paginationToken: "bm90LWEtdG9rZW4" }, ["paginationToken"]],
  ])("answers 400 for %s", async (_case, query, paths) => {
    const { status, json } = await list(await demo.as("hana"), query);
    expect(status).toBe(400);
    expect(errorPaths(json)).toEqual(paths);
  });

  it("is for housing and repairs staff, admins and clients holding visits:manage", async () => {
    for (const name of ["hana", "rob", "dee", "ravi", "alex"])
      expect((await list(await demo.as(name))).status).toBe(200);
    for (const name of ["fiona", "carl", "rosa"]) expect((await list(await demo.as(name))).status).toBe(403);
    expect((await list(demo.serviceHeaders)).status).toBe(200);
    expect((await list(demo.otherServiceHeaders)).status).toBe(403);
  });
});

describe("GET /api/v1/visits/{id}", () => {
  it("shows a visit to its officer and to visit readers; anyone else gets 404", async () => {
    const visit = await book({ officerUserId: demo.people.carl!.id });
    expect((await get(await demo.as("carl"), visit.id)).json).toMatchObject({ id: visit.id, status: "booked" });
    expect((await get(await demo.as("hana"), visit.id)).status).toBe(200);
    expect((await get(await demo.as("fiona"), visit.id)).status).toBe(404);
    expect((await get(await demo.as("hana"), randomUUID())).status).toBe(404);
    const { status, json } = await get(await demo.as("hana"), "not-a-uuid");
    expect([status, errorPaths(json)]).toEqual([400, ["id"]]);
  });
});

describe("PATCH /api/v1/visits/{id}", () => {
  it("moves a visit to another time and officer, recording what changed on the property", async () => {
    const visit = await book();
    const { status, json } = await patch(demo.serviceHeaders, visit.id, {
      startsAt: "2027-03-08T14:00:00Z",
      endsAt: "2027-03-08T15:30:00Z",
      officerUserId: demo.people.dee!.id,
    });
    expect(status, JSON.stringify(json)).toBe(200);
    expect(json).toMatchObject({
      startsAt: "2027-03-08T14:00:00.000Z",
      endsAt: "2027-03-08T15:30:00.000Z",
      officerUserId: demo.people.dee!.id,
    });
    const history = await propertyHistory(visit.propertyId);
    expect(history.at(-1)).toMatchObject({
      type: "update",
      oldData: {
        visitId: visit.id,
        visitStartsAt: "2027-03-02T10:00:00.000Z",
        visitEndsAt: "2027-03-02T11:00:00.000Z",
        visitOfficerUserId: demo.people.hana!.id,
      },
      newData: {
        visitId: visit.id,
        visitStartsAt: "2027-03-08T14:00:00.000Z",
        visitEndsAt: "2027-03-08T15:30:00.000Z",
        visitOfficerUserId: demo.people.dee!.id,
      },
    });
  });

  it.each([
    ["nothing to change", {}, ["startsAt"]],
    ["a start after the visit's end", { startsAt: "2027-03-02T12:00:00Z" }, ["startsAt"]],
    ["an end before the new start", { startsAt: "2027-03-02T10:00:00Z", endsAt: "2027-03-02T09:00:00Z" }, ["endsAt"]],
    ["an end that is not a time", { endsAt: "soon" }, ["endsAt"]],
    ["a resident as the officer", () => ({ officerUserId: demo.people.rosa!.id }), ["officerUserId"]],
  ])("answers 400 for %s", async (_case, body, paths) => {
    const visit = await book();
    const { status, json } = await patch(demo.serviceHeaders, visit.id, typeof body === "function" ? body() : body);
    expect(status).toBe(400);
    expect(errorPaths(json)).toEqual(paths);
  });

  it("refuses to move a cancelled visit (409), and is 403 for staff who only read visits", async () => {
    const visit = await book();
    expect((await patch(await demo.as("hana"), visit.id, { startsAt: "2027-03-02T09:00:00Z" })).status).toBe(403);
    await cancel(demo.serviceHeaders, visit.id);
    expect((await patch(demo.serviceHeaders, visit.id, { startsAt: "2027-03-02T09:00:00Z" })).status).toBe(409);
  });
});

describe("DELETE /api/v1/visits/{id}", () => {
  it("cancels a visit, keeps it, records it once, and the rules no longer see it", async () => {
    const propertyId = randomUUID();
    const kept = await book({ propertyId, startsAt: "2027-06-01T09:00:00Z" });
    const visit = await book({ propertyId, startsAt: "2027-06-02T09:00:00Z" });
    const from = new Date("2027-06-01T00:00:00Z");
    const to = new Date("2027-06-15T00:00:00Z");
    expect((await listVisitsAtProperty(db(), propertyId, from, to)).map((row) => row.id)).toEqual([kept.id, visit.id]);

    const first = await cancel(demo.serviceHeaders, visit.id);
    expect([first.status, first.json.status]).toEqual([200, "cancelled"]);
    const again = await cancel(demo.serviceHeaders, visit.id);
    expect([again.status, again.json.status]).toEqual([200, "cancelled"]);
    expect((await get(await demo.as("hana"), visit.id)).json.status).toBe("cancelled");
    const cancels = (await propertyHistory(propertyId)).filter(
      (entry) => (entry.newData as { visitStatus?: string } | null)?.visitStatus === "cancelled",
    );
    expect(cancels).toHaveLength(1);

    expect((await listVisitsAtProperty(db(), propertyId, from, to)).map((row) => row.id)).toEqual([kept.id]);
    const upcoming = (await listUpcomingVisits(db(), from, to)).map((row) => row.id);
    expect(upcoming).toContain(kept.id);
    expect(upcoming).not.toContain(visit.id);
    // The window is [from, to): a visit starting at `to` belongs to the next one.
    expect(await listVisitsAtProperty(db(), propertyId, from, new Date("2027-06-01T09:00:00Z"))).toEqual([]);
  });
});
