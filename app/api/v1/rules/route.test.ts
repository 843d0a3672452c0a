import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { activities } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { defaultRules } from "@/lib/rules/default-rules";
import { callRoute } from "@/lib/testing/call-route";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";
import * as history from "../activityHistory/route";
import * as item from "./[id]/route";
import * as collection from "./route";

// GET/POST /api/v1/rules and GET/PATCH/DELETE /api/v1/rules/{id}: validated per kind, admin-only, audited.

const database = setUpTestDatabase();
let demo: DemoCallers;
let admin: Record<string, string>;

beforeAll(async () => {
  demo = await setUpDemoCallers(database.handle.db);
  admin = await demo.as("alex");
});

type Headers = Record<string, string>;
const create = (headers: Headers, body: unknown) =>
  callRoute(collection.POST, "POST", "/api/v1/rules", { headers, body });
const list = (headers: Headers, query: Record<string, string> = {}) =>
  callRoute(collection.GET, "GET", "/api/v1/rules", { headers, query });
const read = (headers: Headers, id: string) =>
  callRoute(item.GET, "GET", `/api/v1/rules/${id}`, { headers, params: { id } });
const patch = (headers: Headers, id: string, body: unknown) =>
  callRoute(item.PATCH, "PATCH", `/api/v1/rules/${id}`, { headers, params: { id }, body });
const remove = (headers: Headers, id: string) =>
  callRoute(item.DELETE, "DELETE", `/api/v1/rules/${id}`, { headers, params: { id } });
const auditOf = (ruleId: string) =>
  database.handle.db
    .select()
    .from(activities)
    .where(and(eq(activities.targetType, "rule"), eq(activities.targetId, ruleId)))
    .orderBy(activities.recordedAt);

const stalled = {
  targetType: "workOrder",
  after: "P5D",
  timeMode: "working",
  closingEventTypes: ["WorkOrderCompletedEvent"],
  audience: { role: "repairs-manager" },
};

describe("/api/v1/rules", () => {
  it("lists the default rules by kind, then name, a page at a time", async () => {
    const all = await list(admin, { pageSize: "100" });
    expect(all.status).toBe(200);
    expect(all.json.results.map((rule: { name: string }) => rule.name).sort()).toEqual(
      defaultRules.map((rule) => rule.name).sort(),
    );
    const kinds = all.json.results.map((rule: { kind: string }) => rule.kind);
    expect(kinds).toEqual([...kinds].sort());

    const first = await list(admin, { pageSize: "5" });
    const second = await list(admin, { pageSize: "5", paginationToken: first.json.paginationDetails.nextToken });
    expect([...first.json.results, ...second.json.results]).toEqual(all.json.results.slice(0, 10));
    expect((await list(admin, { kind: "reminder" })).json.results).toHaveLength(2);
  });

  it("adds a rule, names its author, and audits it", async () => {
    const { status, json } = await create(admin, { name: "Stalled work orders", kind: "stalled", definition: stalled });
    expect(status).toBe(201);
    expect(json).toMatchObject({
      name: "Stalled work orders",
      kind: "stalled",
      enabled: true,
      version: 1,
      // The kind's defaults are filled in and stored.
      definition: { ...stalled, category: "processThreshold" },
      createdBy: { fullName: "Alex Morgan" },
    });
    expect((await read(admin, json.id)).json).toEqual(json);
    expect(await auditOf(json.id)).toMatchObject([
      {
        type: "create",
        sourceDomain: "Rules",
        newData: { name: "Stalled work orders", kind: "stalled", enabled: true, definition: stalled },
        authorDetails: { fullName: "Alex Morgan" },
      },
    ]);
  });

  it.each([
    [
      "an empty body",
      {},
      [
        { path: "name", message: "Enter the rule's name" },
        { path: "kind", message: "kind must be one of event, escalation, stalled, reminder" },
      ],
    ],
    [
      "a definition with several faults",
      { name: "Bad", kind: "escalation", definition: { category: "nope", remindAfter: "P2D", escalateAfter: "1 day" } },
      [
        { path: "definition.category", message: 'Must be a category of the event catalogue, not "nope"' },
        { path: "definition.escalateAfter", message: expect.stringContaining("is not an ISO 8601 duration") },
        { path: "definition.timeMode", message: 'Must be "calendar" or "working"' },
        { path: "definition.fallbackRole", message: expect.stringContaining("Must be one of the roles") },
      ],
    ],
    [
      "an event rule's unsafe template and missing match",
      {
        name: "Bad event",
        kind: "event",
        definition: { match: {}, category: "newTenure", audience: { team: "finance" }, message: "{{ eval('1') }}" },
      },
      [
        { path: "definition.match", message: expect.stringContaining("Match an eventType or a targetType") },
        { path: "definition.message", message: expect.stringContaining("is not a field") },
      ],
    ],
  ])("refuses %s with problem+json naming every field", async (_case, body, errors) => {
    const response = await create(admin, body);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(response.json.errors).toEqual(errors);
  });

  it("answers a taken name with a 409 naming the field", async () => {
    const { status, json } = await create(admin, { name: defaultRules[0]!.name, kind: "stalled", definition: stalled });
    expect(status).toBe(409);
    expect(json.errors).toEqual([{ path: "name", message: "Another rule already has this name" }]);
  });
});

describe("/api/v1/rules/{id}", () => {
  it("changes only what was sent, raises the version, and audits only the change", async () => {
    const created = (await create(admin, { name: "Toggle me", kind: "stalled", definition: stalled })).json;
    const { status, json } = await patch(admin, created.id, { enabled: false, version: 1 });
    expect(status).toBe(200);
    expect(json).toMatchObject({ enabled: false, version: 2, definition: created.definition, name: "Toggle me" });
    const audit = await auditOf(created.id);
    expect(audit.map((row) => row.type)).toEqual(["create", "update"]);
    expect(audit[1]).toMatchObject({ oldData: { enabled: true }, newData: { enabled: false } });

    // The same again is no change: no new version, no audit row.
    expect((await patch(admin, created.id, { enabled: false })).json.version).toBe(2);
    expect(await auditOf(created.id)).toHaveLength(2);
  });

  it("refuses an edit made from a stale version with a 409", async () => {
    const created = (await create(admin, { name: "Stale", kind: "stalled", definition: stalled })).json;
    await patch(admin, created.id, { name: "Stale, renamed" });
    const { status, json } = await patch(admin, created.id, { enabled: false, version: 1 });
    expect(status).toBe(409);
    expect(json.errors).toEqual([{ path: "version", message: expect.stringContaining("version 2") }]);
  });

  it("checks a new definition against the rule's own kind, naming the fields under definition", async () => {
    const created = (await create(admin, { name: "Checked", kind: "stalled", definition: stalled })).json;
    const { status, json } = await patch(admin, created.id, {
      definition: { ...stalled, after: "PT10S", closingEventTypes: [], extra: true },
    });
    expect(status).toBe(400);
    expect(json.errors).toEqual([
      { path: "definition.after", message: "Must be at least 1 minute (PT1M)" },
      { path: "definition.closingEventTypes", message: expect.stringContaining("at least one event type") },
      { path: "definition", message: 'Unrecognized key: "extra"' },
    ]);
    const both = await patch(admin, created.id, {
      name: "",
      enabled: "yes",
      definition: { ...stalled, after: "soon" },
    });
    expect(both.json.errors).toEqual([
      { path: "name", message: "Enter the rule's name" },
      { path: "enabled", message: "Must be true or false" },
      { path: "definition.after", message: expect.stringContaining("is not an ISO 8601 duration") },
    ]);
    expect((await patch(admin, created.id, { definition: ["not", "an", "object"] })).json.errors).toEqual([
      { path: "definition", message: "Must be the rule's definition, an object" },
    ]);
    const replaced = await patch(admin, created.id, { definition: { ...stalled, after: "P10D" } });
    expect(replaced.json.definition.after).toBe("P10D");
  });

  it("deletes a rule, keeping what it said in its audit trail", async () => {
    const created = (await create(admin, { name: "Short-lived", kind: "stalled", definition: stalled })).json;
    expect((await remove(admin, created.id)).status).toBe(204);
    expect((await read(admin, created.id)).status).toBe(404);
    expect((await remove(admin, created.id)).status).toBe(404);
    const audit = await auditOf(created.id);
    expect(audit.at(-1)).toMatchObject({ type: "delete", oldData: { name: "Short-lived", kind: "stalled" } });
  });

  it("answers an id that is not a uuid with a 400, and an unknown one with a 404", async () => {
    expect((await read(admin, "not-a-uuid")).json.errors).toEqual([
      { path: "id", message: "Must be a rule's id (a uuid)" },
    ]);
    expect((await patch(admin, "00000000-0000-4000-8000-000000000000", { enabled: true })).status).toBe(404);
  });
});

describe("who may manage rules", () => {
  it("refuses a client without rules:manage, and people who are not admins, with a 403 saying why", async () => {
    const client = await list(demo.otherServiceHeaders);
    expect(client.status).toBe(403);
    expect(client.json.detail).toBe("This needs the rules:manage scope");
    const fiona = await create(await demo.as("fiona"), { name: "Not mine", kind: "stalled", definition: stalled });
    expect(fiona.status).toBe(403);
    const some = (await list(admin)).json.results[0];
    expect((await patch(await demo.as("grace"), some.id, { enabled: false })).status).toBe(403);
    expect((await remove(await demo.as("rosa"), some.id)).status).toBe(403);
    expect((await list({})).status).toBe(401);
    expect((await read(admin, some.id)).json.enabled).toBe(true);
  });

  it("lets a client holding rules:manage manage rules, authored as the client", async () => {
    const { status, json } = await create(demo.serviceHeaders, {
      name: "From a service",
      kind: "stalled",
      definition: stalled,
    });
    expect(status).toBe(201);
    expect(json.createdBy).toMatchObject({ fullName: "demo-service" });
  });

  it("shows a rule's history to admins alone, not to staff or to clients reading activity history", async () => {
    const created = (await create(admin, { name: "Audited", kind: "stalled", definition: stalled })).json;
    const historyAs = (headers: Headers) =>
      callRoute(history.GET, "GET", "/api/v1/activityHistory", { headers, query: { targetId: created.id } });
    const asAdmin = await historyAs(admin);
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.json.results).toHaveLength(1);
    for (const headers of [demo.serviceHeaders, await demo.as("fiona"), await demo.as("hana")]) {
      const refused = await historyAs(headers);
      expect(refused.json.results ?? []).toEqual([]);
    }
  });
});
