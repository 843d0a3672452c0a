import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { users } from "@/db/schema";
import { listDemoUsers } from "@/lib/auth/people";
import { resetSettings } from "@/lib/config/settings";
import { directoryRoutes, setUpDirectoryApi } from "@/lib/testing/directory-api";
import * as item from "./[id]/route";
import * as collection from "./route";

// GET/POST /api/v1/people and GET/PATCH /api/v1/people/{id}: the directory's people, audited.

const api = setUpDirectoryApi();
const { create, list, read, patch, historyOf } = directoryRoutes(api, {
  path: "/api/v1/people",
  param: "id",
  targetType: "directoryPerson",
  collection,
  item,
});

const newOfficer = {
  name: "Priya Shah",
  kind: "staff",
  email: "priya.shah@council.example",
  roles: ["housing-officer"],
  teams: ["housing-officers"],
};

describe("POST /api/v1/people", () => {
  it("adds a staff member to their teams and writes who did it to the history", async () => {
    const { status, json } = await create(api.admin, newOfficer);
    expect(status).toBe(201);
    expect(json).toMatchObject({ ...newOfficer, kind: "staff", disabled: false, personId: null, addressLines: [] });
    const [entry, ...more] = await historyOf(json.id);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      type: "create",
      oldData: null,
      newData: { name: "Priya Shah", email: "priya.shah@council.example", teams: ["housing-officers"] },
      authorDetails: { id: api.demo.people.alex!.id, fullName: "Alex Morgan" },
      sourceDomain: "Directory",
    });
    expect((await read(api.admin, json.id)).json).toEqual(json);
  });

  it("adds a resident known only by post, as an API client", async () => {
    const { status, json } = await create(api.demo.serviceHeaders, {
      name: "Ivy Lane",
      kind: "resident",
      personId: "0e0a1b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b",
      addressLines: ["Flat 9, Alder House", "12 Mare Street"],
      postcode: "e84rp",
      preferredChannel: "letter",
    });
    expect(status).toBe(201);
    expect(json).toMatchObject({ roles: ["resident"], email: null, postcode: "E8 4RP" });
    const [entry] = await historyOf(json.id);
    expect(entry!.authorDetails).toMatchObject({ fullName: "demo-service", email: "demo-service@api-clients.invalid" });
  });

  it("names every failing field, and stores nothing", async () => {
    const { status, json } = await create(api.admin, { name: "", kind: "staff", mobileNumber: "12" });
    expect(status).toBe(400);
    expect(json.errors.map((error: { path: string }) => error.path)).toEqual(["name", "mobileNumber"]);
    const rules = await create(api.admin, { ...newOfficer, email: "someone.else@council.example", teams: ["nope"] });
    expect(rules.status).toBe(400);
    expect(rules.json.errors).toEqual([{ path: "teams.0", message: "No team called nope" }]);
    expect((await list(api.admin, { q: "someone.else" })).json.results).toEqual([]);
  });

  it.each([
    ["email, whatever its case", { ...newOfficer, email: "PRIYA.SHAH@council.example" }, "email"],
    [
      "council person id",
      { name: "Rosa Twin", kind: "resident", personId: "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0a01" },
      "personId",
    ],
  ])("answers a clash on %s with a 409 naming the field", async (_, body, path) => {
    const { status, json } = await create(api.admin, body);
    expect(status).toBe(409);
    expect(json.errors).toEqual([{ path, message: expect.stringContaining("Another person already has") }]);
  });
});

describe("POST /api/v1/people on a demo install", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    resetSettings();
  });

  const isDemo = async (id: string) =>
    (await api.database.handle.db.select({ isDemo: users.isDemo }).from(users).where(eq(users.id, id)))[0]!.isDemo;

  it.each([
    ["on", "true", true],
    ["off", "false", false],
  ])("with the demo sign-in %s, a new person is a demo person: %s", async (_, authDemo, expected) => {
    vi.stubEnv("AUTH_DEMO", authDemo);
    resetSettings();
    const email = `demo.${authDemo}@council.example`;
    const { status, json } = await create(api.admin, { ...newOfficer, name: `Demo ${authDemo}`, email });
    expect(status).toBe(201);
    expect(await isDemo(json.id)).toBe(expected);
    const offered = (await listDemoUsers(api.database.handle.db)).map((user) => user.id);
    expect(offered.includes(json.id)).toBe(expected);
  });
});

describe("GET /api/v1/people", () => {
  const names = (json: { results: { name: string }[] }) => json.results.map((person) => person.name);

  it("lists by name and pages without gaps or repeats", async () => {
    const everyone = names((await list(api.admin, { pageSize: "100" })).json);
    expect(everyone).toEqual([...everyone].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    const paged: string[] = [];
    let token: string | null = null;
    do {
      const { json } = await list(api.admin, { pageSize: "4", ...(token ? { paginationToken: token } : {}) });
      paged.push(...names(json));
      token = json.paginationDetails.nextToken;
    } while (token);
    expect(paged).toEqual(everyone);
  });

  it("searches the start of any word of the name, or of the email, and filters", async () => {
    expect(names((await list(api.admin, { q: "fin" })).json)).toEqual(["Fiona Finch"]);
    expect(names((await list(api.admin, { q: "KHAN" })).json)).toEqual(["Farid Khan"]);
    expect(names((await list(api.admin, { q: "rob.h" })).json)).toEqual(["Rob Hughes"]);
    expect(names((await list(api.admin, { q: "%" })).json)).toEqual([]);
    expect(names((await list(api.admin, { kind: "resident", pageSize: "100" })).json)).toEqual([
      "Ivy Lane",
      "Rosa Alvarez",
      "Tom Baker",
    ]);
    expect(names((await list(api.admin, { team: "finance" })).json)).toEqual([
      "Farid Khan",
      "Fiona Finch",
      "Grace Mensah",
    ]);
  });

  it.each([
    [{ pageSize: "0" }, "pageSize"],
    [{ kind: "robot" }, "kind"],
    [{ disabled: "maybe" }, "disabled"],
    [{ paginationToken: "not-a-token" }, "paginationToken"],
  ])("refuses %o with a 400 naming %s", async (query, path) => {
    const { status, json } = await list(api.admin, query);
    expect(status).toBe(400);
    expect(json.errors[0].path).toBe(path);
  });

  it("is for administrators and directory clients only", async () => {
    expect((await list(await api.demo.as("fiona"))).status).toBe(403);
    expect((await list(api.demo.otherServiceHeaders)).json.detail).toBe("This needs the directory:manage scope");
  });
});

describe("PATCH /api/v1/people/{id}", () => {
  it("changes only the fields sent and audits just those", async () => {
    const hana = api.demo.people.hana!;
    const { status, json } = await patch(api.admin, hana.id, { mobileNumber: "07700 900 555", teams: ["finance"] });
    expect(status).toBe(200);
    expect(json).toMatchObject({ name: "Hana Osei", mobileNumber: "447700900555", teams: ["finance"] });
    const entries = await historyOf(hana.id);
    expect(entries.at(-1)).toMatchObject({
      type: "update",
      oldData: { mobileNumber: null, teams: ["housing-officers"] },
      newData: { mobileNumber: "447700900555", teams: ["finance"] },
    });
    // The same again changes nothing and is not audited.
    await patch(api.admin, hana.id, { mobileNumber: "447700900555" });
    expect(await historyOf(hana.id)).toHaveLength(entries.length);
  });

  it("checks the whole record after the change", async () => {
    const rosa = api.demo.people.rosa!;
    const { status, json } = await patch(api.admin, rosa.id, { mobileNumber: null, preferredChannel: "sms" });
    expect(status).toBe(400);
    expect(json.errors).toEqual([{ path: "preferredChannel", message: "Add a mobile number to send them texts" }]);
    const clash = await patch(api.admin, rosa.id, { email: "tom.baker@resident.example" });
    expect(clash.status).toBe(409);
    expect(clash.json.errors[0].path).toBe("email");
  });

  it("answers 404 for a person who does not exist, and 400 for an id that is not one", async () => {
    expect((await patch(api.admin, "00000000-0000-4000-8000-000000000000", { name: "X" })).status).toBe(404);
    expect((await read(api.admin, "not-an-id")).status).toBe(400);
  });
});
