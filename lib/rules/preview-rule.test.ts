import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as preview from "@/app/api/v1/rules/[id]/preview/route";
import { rules, visits } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { callRoute } from "@/lib/testing/call-route";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";
import { rowCounts as countRows } from "@/lib/testing/row-counts";

// The dry run, POST /api/v1/rules/{id}/preview, on the seeded rules (migration 0022).

const database = setUpTestDatabase();
const db = () => database.handle.db;
let demo: DemoCallers;
let admin: Record<string, string>;

beforeAll(async () => {
  demo = await setUpDemoCallers(db());
  admin = await demo.as("alex");
});

const ruleId = async (name: string) => (await db().select().from(rules).where(eq(rules.name, name)))[0]!.id;
const callPreview = async (id: string, body?: unknown) =>
  callRoute(preview.POST, "POST", `/api/v1/rules/${id}/preview`, { headers: admin, params: { id }, body });
const entityEvent = (eventType: string, newData: Record<string, unknown>) => ({
  id: randomUUID(),
  eventType,
  dateTime: new Date().toISOString(),
  user: { name: "Hana Osei", email: "hana.osei@council.example" },
  entityId: randomUUID(),
  eventData: { newData },
});

const rowCounts = () => countRows(db());

describe("POST /api/v1/rules/{id}/preview", () => {
  it("answers what the new-tenure rule would make for an event, for whom, by name", async () => {
    const id = await ruleId("New tenure: tell finance");
    const event = entityEvent("TenureCreatedEvent", { paymentReference: "PR-42" });
    const { status, json } = await callPreview(id, { event });
    expect(status).toBe(200);
    expect(json).toMatchObject({
      ruleId: id,
      kind: "event",
      enabled: true,
      event: { id: event.id, eventType: "TenureCreatedEvent", targetType: "tenure", sample: false },
      matches: true,
      alreadyRan: false,
      missingFields: [],
    });
    expect(json.wouldCreate).toEqual([
      {
        category: "newTenure",
        message: "New tenure PR-42: check its charges",
        requireAction: false,
        targetType: "tenure",
        targetId: event.entityId,
        recipient: { team: "finance" },
        people: ["Farid Khan", "Fiona Finch", "Grace Mensah"].map((name) => ({ id: expect.any(String), name })),
      },
    ]);
  });

  it("writes nothing: every table has as many rows after a preview as before", async () => {
    const id = await ruleId("Cautionary contact: tell officers visiting the property");
    const before = await rowCounts();
    expect(before.rules).toBeGreaterThan(0);
    const event = entityEvent("CautionaryAlertCreatedEvent", { alert: { description: "x" } });
    expect((await callPreview(id, { event })).status).toBe(200);
    expect((await callPreview(await ruleId("New tenure: tell finance"))).status).toBe(200);
    expect(await rowCounts()).toEqual(before);
  });

  it("previews without a body on an event made to fit the match, naming the template fields it lacks", async () => {
    const { status, json } = await callPreview(await ruleId("New property: tell finance"));
    expect(status).toBe(200);
    expect(json.event).toMatchObject({ eventType: "AssetCreatedEvent", targetType: "asset", sample: true });
    expect(json.missingFields).toEqual(["newData.assetAddress.addressLine1", "newData.assetAddress.postCode"]);
    expect(json.wouldCreate[0].message).toBe("New property  : check its charges");
  });

  it("names the officer with a visit booked at the property, and the fallback team when there is none", async () => {
    const id = await ruleId("Cautionary contact: tell officers visiting the property");
    const propertyId = randomUUID();
    const startsAt = new Date(Date.now() + 5 * 86_400_000);
    await db()
      .insert(visits)
      .values({
        propertyId,
        residentUserId: demo.people.rosa!.id,
        officerUserId: demo.people.hana!.id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3_600_000),
        kind: "tenancy check",
        createdBy: "test",
      });
    const visited = await callPreview(id, {
      event: entityEvent("CautionaryAlertCreatedEvent", { assetDetails: { id: propertyId } }),
    });
    expect(visited.json.wouldCreate).toEqual([
      expect.objectContaining({
        recipient: { userId: demo.people.hana!.id },
        requireAction: true,
        people: [{ id: demo.people.hana!.id, name: "Hana Osei" }],
      }),
    ]);
    const unvisited = await callPreview(id, {
      event: entityEvent("CautionaryAlertCreatedEvent", { assetDetails: { id: randomUUID() } }),
    });
    expect(unvisited.json.wouldCreate).toEqual([expect.objectContaining({ recipient: { team: "housing-officers" } })]);
    expect(unvisited.json.sentTo).toMatch(/^the housing-officers team: no visit booked/);
  });

  it("says an event that does not fit the match would make nothing", async () => {
    const { json } = await callPreview(await ruleId("New tenure: tell finance"), {
      event: entityEvent("PersonCreatedEvent", {}),
    });
    expect(json).toMatchObject({ matches: false, wouldCreate: [] });
  });

  it("answers every kind, 404 for no rule, 400 for a bad event", async () => {
    const stalled = await callPreview(await ruleId("Process stalled for 2 weeks"));
    expect(stalled.status).toBe(200);
    expect(stalled.json).toMatchObject({ kind: "stalled", stalled: { total: expect.any(Number) } });
    expect((await callPreview(randomUUID())).status).toBe(404);
    const bad = await callPreview(await ruleId("New tenure: tell finance"), { event: { eventType: 5 } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((error: { path: string }) => error.path)).toContain("event.id");
    const unknown = await callPreview(await ruleId("New tenure: tell finance"), {
      event: entityEvent("NoSuchEvent", {}),
    });
    expect(unknown.status).toBe(400);
  });

  it("is refused to staff without rules:manage", async () => {
    const id = await ruleId("New tenure: tell finance");
    const response = await callRoute(preview.POST, "POST", `/api/v1/rules/${id}/preview`, {
      headers: await demo.as("fiona"),
      params: { id },
    });
    expect(response.status).toBe(403);
  });
});
