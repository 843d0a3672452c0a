import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { rowsOf } from "@/db/client";
import { activities, users } from "@/db/schema";
import { demoIds } from "@/db/seed/demo-people";
import { resetSettings } from "@/lib/config/settings";
import { callRoute } from "@/lib/testing/call-route";
import { setUpDirectoryApi } from "@/lib/testing/directory-api";
import * as people from "../route";
import * as route from "./route";

// POST /api/v1/people/import: a CSV upserted by email, else personId; all rows or none; a dry run previews.

const api = setUpDirectoryApi();

const importCsv = (csv: string, query: Record<string, string> = {}, headers = api.admin) =>
  callRoute(route.POST, "POST", "/api/v1/people/import", {
    headers: { ...headers, "content-type": "text/csv" },
    body: csv,
    query,
  });
const csvOf = (...lines: string[]) => lines.join("\n");
/** A fingerprint of everything an import could change. */
const directoryState = async () =>
  rowsOf(
    await api.database.handle.db.execute(sql`
      select (select count(*) from users)::int as people, (select count(*) from team_members)::int as memberships,
             (select count(*) from activities)::int as activities,
             (select md5(string_agg(u::text, ',' order by u.id)) from users u) as digest`),
  )[0];

const header = "name,email,mobileNumber,addressLine1,addressLine2,postcode,kind,roles,teams,personId,preferredChannel";
const file = csvOf(
  header,
  "Nia Brown,nia.brown@council.example,,,,,staff,finance-officer;finance-manager,finance,,",
  `Hana Osei,HANA.OSEI@council.example,07700 900 321,,,,staff,housing-officer,housing-officers;repairs,,sms`,
  "Fiona Finch,fiona.finch@council.example,,,,,staff,finance-officer,finance,,",
  `Sol Reyes,,,"Flat 1, Alder House",12 Mare Street,e84rp,resident,,,0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d,letter`,
);

describe("POST /api/v1/people/import", () => {
  it("previews a dry run line by line with the changed fields, and writes nothing", async () => {
    const before = await directoryState();
    const { status, json } = await importCsv(file, { dryRun: "true" });
    expect(status).toBe(200);
    expect(json).toMatchObject({ dryRun: true, created: 2, updated: 1, unchanged: 1 });
    expect(json.lines).toEqual([
      expect.objectContaining({ line: 2, outcome: "created", id: null, name: "Nia Brown" }),
      {
        line: 3,
        outcome: "updated",
        id: api.demo.people.hana!.id,
        name: "Hana Osei",
        changes: {
          mobileNumber: { from: null, to: "447700900321" },
          teams: { from: ["housing-officers"], to: ["housing-officers", "repairs"] },
          preferredChannel: { from: null, to: "sms" },
        },
      },
      { line: 4, outcome: "unchanged", id: api.demo.people.fiona!.id, name: "Fiona Finch", changes: {} },
      expect.objectContaining({ line: 5, outcome: "created", id: null, name: "Sol Reyes" }),
    ]);
    expect(json.lines[0].changes).toMatchObject({
      roles: { from: null, to: ["finance-officer", "finance-manager"] },
      teams: { from: null, to: ["finance"] },
    });
    expect(await directoryState()).toEqual(before);
  });

  it("imports the same file: people, teams and one history entry per changed person by the caller", async () => {
    const { status, json } = await importCsv(file);
    expect(status).toBe(200);
    expect(json).toMatchObject({ dryRun: false, created: 2, updated: 1, unchanged: 1 });
    const nia = await callRoute(people.GET, "GET", "/api/v1/people", { headers: api.admin, query: { q: "nia" } });
    expect(nia.json.results).toMatchObject([{ name: "Nia Brown", teams: ["finance"], kind: "staff" }]);
    const sol = await callRoute(people.GET, "GET", "/api/v1/people", { headers: api.admin, query: { q: "sol" } });
    expect(sol.json.results).toMatchObject([
      { roles: ["resident"], addressLines: ["Flat 1, Alder House", "12 Mare Street"], postcode: "E8 4RP" },
    ]);
    const entries = await api.database.handle.db
      .select()
      .from(activities)
      .where(eq(activities.sourceDomain, "Directory"))
      .orderBy(activities.targetId);
    expect(entries).toHaveLength(3);
    expect(entries.map((entry) => entry.type).sort()).toEqual(["create", "create", "update"]);
    expect(entries.every((entry) => entry.authorDetails.fullName === "Alex Morgan")).toBe(true);
    expect(entries.find((entry) => entry.targetId === api.demo.people.hana!.id)).toMatchObject({
      oldData: { mobileNumber: null, teams: ["housing-officers"], preferredChannel: null },
      newData: { mobileNumber: "447700900321", teams: ["housing-officers", "repairs"], preferredChannel: "sms" },
    });
    expect(entries.find((entry) => entry.type === "create")!.oldData).toBeNull();

    // The same file again changes nothing.
    const again = await importCsv(file);
    expect(again.json).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
  });

  it("matches a row by personId when it has no email, leaving columns not in the file alone", async () => {
    const { json } = await importCsv(csvOf("personId,mobileNumber", `${demoIds.rosaPerson},07700 900 777`));
    expect(json.lines).toEqual([
      {
        line: 2,
        outcome: "updated",
        id: api.demo.people.rosa!.id,
        name: "Rosa Alvarez",
        changes: { mobileNumber: { from: "07700900101", to: "447700900777" } },
      },
    ]);
    const [rosa] = await api.database.handle.db.select().from(users).where(eq(users.id, api.demo.people.rosa!.id));
    expect(rosa).toMatchObject({ email: "rosa.alvarez@resident.example", postcode: "E8 4RP" });
  });

  it("refuses the whole file for one bad line, naming each problem by line and column", async () => {
    const before = await directoryState();
    const { status, json } = await importCsv(
      csvOf(
        header,
        "Good Person,good.person@council.example,,,,,staff,housing-officer,,,",
        "Bad Email,bad.email@council,,,,,staff,housing-officer,,,",
        "No Team,no.team@council.example,,,,,staff,housing-officer,nope,,",
        "Bad Address,,,Flat 2,=12 Mare Street,ZZ1 1ZZ,resident,,,0c1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d,",
        "Twin,good.person@council.example,,,,,staff,housing-officer,,,",
        ",new.person@council.example,,,,,,,,,",
        `Clash,rosa.alvarez@resident.example,,,,,resident,,,${demoIds.tomPerson},`,
      ),
    );
    expect(status).toBe(400);
    expect(json.detail).toBe("The file has 8 problems; nothing was imported");
    expect(json.errors).toEqual([
      { path: "line 3: email", message: "Not a valid email address" },
      { path: "line 4: teams", message: "No team called nope" },
      { path: "line 5: postcode", message: "Must be a real UK postcode" },
      { path: "line 5: addressLine2", message: expect.stringContaining("must not start with") },
      { path: "line 6: email", message: "The same email as line 2" },
      { path: "line 7: name", message: "Enter the person's name" },
      { path: "line 7: kind", message: "Must be one of staff, resident" },
      { path: "line 8: personId", message: "Tom Baker already has this council person id" },
    ]);
    expect(await directoryState()).toEqual(before);
  });

  it.each([
    [csvOf("name,email,favouriteColour", "A,a@council.example,blue"), "line 1: favouriteColour"],
    [csvOf("name,kind", "A,staff"), "line 1: email"],
    [csvOf("name,email,Email", "A,a@council.example,b@council.example"), "line 1: email"],
    [csvOf("name,email"), "line 2"],
  ])("refuses a file whose header or body cannot be used (%#)", async (csv, path) => {
    const { status, json } = await importCsv(csv);
    expect(status).toBe(400);
    expect(json.errors.map((error: { path: string }) => error.path)).toContain(path);
  });

  it("takes only CSV, and only from administrators and directory clients", async () => {
    const json = await callRoute(route.POST, "POST", "/api/v1/people/import", { headers: api.admin, body: { a: 1 } });
    expect(json.status).toBe(415);
    expect((await importCsv(file, {}, await api.demo.as("grace"))).status).toBe(403);
  });

  describe("on a demo install", () => {
    afterEach(() => {
      vi.unstubAllEnvs();
      resetSettings();
    });

    it.each([
      ["on", "true", true],
      ["off", "false", false],
    ])("with the demo sign-in %s, the people it adds are demo people: %s", async (_, authDemo, expected) => {
      vi.stubEnv("AUTH_DEMO", authDemo);
      resetSettings();
      const email = `imported.${authDemo}@council.example`;
      const { status } = await importCsv(csvOf("name,email,kind,roles", `Imported ${authDemo},${email},staff,admin`));
      expect(status).toBe(200);
      const [person] = await api.database.handle.db.select().from(users).where(eq(users.email, email));
      expect(person!.isDemo).toBe(expected);
    });
  });
});
