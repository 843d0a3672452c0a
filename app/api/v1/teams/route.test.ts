import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { activities } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { callRoute } from "@/lib/testing/call-route";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";
import * as item from "./[key]/route";
import * as collection from "./route";

// GET/POST /api/v1/teams and GET/PATCH /api/v1/teams/{key}: members, managers, audited.

const database = setUpTestDatabase();
let demo: DemoCallers;
let admin: Record<string, string>;

beforeAll(async () => {
  demo = await setUpDemoCallers(database.handle.db);
  admin = await demo.as("alex");
});

const create = (headers: Record<string, string>, body: unknown) =>
  callRoute(collection.POST, "POST", "/api/v1/teams", { headers, body });
const list = (headers: Record<string, string>, query: Record<string, string> = {}) =>
  callRoute(collection.GET, "GET", "/api/v1/teams", { headers, query });
const read = (headers: Record<string, string>, key: string) =>
  callRoute(item.GET, "GET", `/api/v1/teams/${key}`, { headers, params: { key } });
const patch = (headers: Record<string, string>, key: string, body: unknown) =>
  callRoute(item.PATCH, "PATCH", `/api/v1/teams/${key}`, { headers, params: { key }, body });
const historyOf = (targetId: string) =>
  database.handle.db
    .select()
    .from(activities)
    .where(and(eq(activities.targetType, "directoryTeam"), eq(activities.targetId, targetId)))
    .orderBy(activities.recordedAt);

describe("/api/v1/teams", () => {
  it("adds a team with members (listed by name) and managers, and audits it", async () => {
    const { fiona, hana, grace } = demo.people;
    const { status, json } = await create(admin, {
      key: "estate-services",
      name: "Estate services",
      members: [hana!.id, fiona!.id],
      managers: [grace!.id],
      managerRole: "housing-officer",
    });
    expect(status).toBe(201);
    expect(json).toMatchObject({
      key: "estate-services",
      members: [fiona!.id, hana!.id],
      managers: [grace!.id],
      managerRole: "housing-officer",
    });
    expect(await historyOf(json.id)).toMatchObject([
      {
        type: "create",
        newData: { key: "estate-services", members: [hana!.id, fiona!.id] },
        sourceDomain: "Directory",
      },
    ]);
    expect((await read(admin, "estate-services")).json).toEqual(json);
  });

  it("refuses residents and unknown people as members or managers, naming each", async () => {
    const { json, status } = await create(admin, {
      key: "tenants",
      name: "Tenants",
      members: [demo.people.rosa!.id],
      managers: ["00000000-0000-4000-8000-000000000000"],
    });
    expect(status).toBe(400);
    expect(json.errors).toEqual([
      { path: "members.0", message: "No staff member has this id" },
      { path: "managers.0", message: "No staff member has this id" },
    ]);
  });

  it("answers a taken key with a 409 naming the key", async () => {
    const { status, json } = await create(admin, { key: "finance", name: "Finance again" });
    expect(status).toBe(409);
    expect(json.errors).toEqual([{ path: "key", message: "Another team already has this key" }]);
  });

  it("lists teams by key with their member counts, paged", async () => {
    const first = await list(admin, { pageSize: "3" });
    expect(first.json.results.map((team: { key: string }) => team.key)).toEqual([
      "contractors",
      "dlo",
      "estate-services",
    ]);
    const second = await list(admin, { pageSize: "10", paginationToken: first.json.paginationDetails.nextToken });
    expect(second.json.results.find((team: { key: string }) => team.key === "finance")).toMatchObject({
      memberCount: 3,
      managers: [demo.people.grace!.id],
    });
    expect(second.json.paginationDetails.nextToken).toBeNull();
  });

  it("changes the fields sent, replaces lists whole, and audits only what changed", async () => {
    const { dee, ravi } = demo.people;
    const before = (await read(admin, "rcc")).json;
    const { status, json } = await patch(admin, "rcc", {
      members: [dee!.id, ravi!.id],
      name: "Repairs Contact Centre (RCC)",
    });
    expect(status).toBe(200);
    expect(json.members).toEqual([dee!.id, ravi!.id]);
    expect((await historyOf(before.id)).at(-1)).toMatchObject({
      type: "update",
      oldData: { members: [ravi!.id] },
      newData: { members: [dee!.id, ravi!.id].sort() },
    });
    const count = (await historyOf(before.id)).length;
    await patch(admin, "rcc", { members: [ravi!.id, dee!.id] });
    expect(await historyOf(before.id)).toHaveLength(count);
  });

  it("answers 404 for a team that does not exist, 400 for a key that cannot be one, 403 for staff", async () => {
    expect((await read(admin, "nobody")).status).toBe(404);
    expect((await patch(admin, "nobody", { name: "X" })).status).toBe(404);
    expect((await read(admin, "Not A Key")).status).toBe(400);
    expect((await list(await demo.as("grace"))).status).toBe(403);
  });
});
