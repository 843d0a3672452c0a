import { describe, expect, it } from "vitest";
import { directoryRoutes, setUpDirectoryApi } from "@/lib/testing/directory-api";
import * as item from "./[key]/route";
import * as collection from "./route";

// GET/POST /api/v1/teams and GET/PATCH /api/v1/teams/{key}: members, managers, audited.

const api = setUpDirectoryApi();
const { create, list, read, patch, historyOf } = directoryRoutes(api, {
  path: "/api/v1/teams",
  param: "key",
  targetType: "directoryTeam",
  collection,
  item,
});

describe("/api/v1/teams", () => {
  it("adds a team with members (listed by name) and managers, and audits it", async () => {
    const { fiona, hana, grace } = api.demo.people;
    const { status, json } = await create(api.admin, {
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
    expect((await read(api.admin, "estate-services")).json).toEqual(json);
  });

  it("refuses residents and unknown people as members or managers, naming each", async () => {
    const { json, status } = await create(api.admin, {
      key: "tenants",
      name: "Tenants",
      members: [api.demo.people.rosa!.id],
      managers: ["00000000-0000-4000-8000-000000000000"],
    });
    expect(status).toBe(400);
    expect(json.errors).toEqual([
      { path: "members.0", message: "No staff member has this id" },
      { path: "managers.0", message: "No staff member has this id" },
    ]);
  });

  it("answers a taken key with a 409 naming the key", async () => {
    const { status, json } = await create(api.admin, { key: "finance", name: "Finance again" });
    expect(status).toBe(409);
    expect(json.errors).toEqual([{ path: "key", message: "Another team already has this key" }]);
  });

  it("lists teams by key with their member counts, paged", async () => {
    const first = await list(api.admin, { pageSize: "3" });
    expect(first.json.results.map((team: { key: string }) => team.key)).toEqual([
      "contractors",
      "dlo",
      "estate-services",
    ]);
    const second = await list(api.admin, { pageSize: "10", paginationToken: first.json.paginationDetails.nextToken });
    expect(second.json.results.find((team: { key: string }) => team.key === "finance")).toMatchObject({
      memberCount: 3,
      managers: [api.demo.people.grace!.id],
    });
    expect(second.json.paginationDetails.nextToken).toBeNull();
  });

  it("changes the fields sent, replaces lists whole, and audits only what changed", async () => {
    const { dee, ravi } = api.demo.people;
    const before = (await read(api.admin, "rcc")).json;
    const { status, json } = await patch(api.admin, "rcc", {
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
    await patch(api.admin, "rcc", { members: [ravi!.id, dee!.id] });
    expect(await historyOf(before.id)).toHaveLength(count);
  });

  it("answers 404 for a team that does not exist, 400 for a key that cannot be one, 403 for staff", async () => {
    expect((await read(api.admin, "nobody")).status).toBe(404);
    expect((await patch(api.admin, "nobody", { name: "X" })).status).toBe(404);
    expect((await read(api.admin, "Not A Key")).status).toBe(400);
    expect((await list(await api.demo.as("grace"))).status).toBe(403);
  });
});
