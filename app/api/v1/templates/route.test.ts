import { beforeAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { notifyTemplateIds } from "@/lib/notify-simulator";
import { callRoute } from "@/lib/testing/call-route";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";
import { setUpNotifySimulator } from "@/lib/testing/notify-simulator";
import * as route from "./route";

const database = setUpTestDatabase();
setUpNotifySimulator();
let demo: DemoCallers;

beforeAll(async () => {
  demo = await setUpDemoCallers(database.handle.db);
});

const list = (headers: Record<string, string>, query: Record<string, string> = {}) =>
  callRoute(route.GET, "GET", "/api/v1/templates", { headers, query });

describe("GET /api/v1/templates", () => {
  it("lists every template of the configured services with the fields each needs", async () => {
    const { status, json } = await list(demo.serviceHeaders);
    expect(status).toBe(200);
    expect(json.results.length).toBeGreaterThan(3);
    const visitDueLetter = json.results.find(
      (template: { id: string }) => template.id === notifyTemplateIds.letter.visitDue,
    );
    expect(visitDueLetter).toEqual({
      id: notifyTemplateIds.letter.visitDue,
      name: "Visit due (letter)",
      type: "letter",
      serviceKey: "housing",
      personalisation: ["property", "visit_date", "recipient_name", "work", "summary"],
    });
    const email = json.results.find((template: { id: string }) => template.id === notifyTemplateIds.email.visitDue);
    // Subject first, then body; a conditional ((urgent??…)) counts once, by its name.
    expect(email.personalisation).toEqual(["title", "recipient_name", "urgent", "summary", "action_url"]);
  });

  it.each(["email", "sms", "letter"])("filters by type=%s", async (type) => {
    const { status, json } = await list(demo.serviceHeaders, { type });
    expect(status).toBe(200);
    expect(json.results.length).toBeGreaterThan(0);
    expect(new Set(json.results.map((template: { type: string }) => template.type))).toEqual(new Set([type]));
  });

  it("refuses an unknown type with 400 naming the field, and anonymous callers with 401", async () => {
    const { status, json } = await list(demo.serviceHeaders, { type: "fax" });
    expect(status).toBe(400);
    expect(json.errors.map((error: { path: string }) => error.path)).toEqual(["type"]);
    expect((await list({})).status).toBe(401);
  });
});
