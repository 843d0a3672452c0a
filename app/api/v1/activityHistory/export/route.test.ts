import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/client";
import { activities } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { createApiClient } from "@/lib/auth/api-clients";
import { postActivities as post } from "@/lib/testing/activity-history";
import { callRoute } from "@/lib/testing/call-route";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";
import { postNotification } from "@/lib/testing/notification-requests";
import * as exportRoute from "./route";

const database = setUpTestDatabase();
let demo: DemoCallers;

beforeAll(async () => {
  demo = await setUpDemoCallers(database.handle.db);
});

describe("GET /api/v1/activityHistory/export", () => {
  it("streams CSV with a header and defuses spreadsheet formulas", async () => {
    const targetId = randomUUID();
    // Stored directly: a posted activity's author is its caller, and this one needs an author whose
    // name a spreadsheet would read as a formula.
    await database.handle.db.insert(activities).values({
      type: "create",
      targetType: "contract",
      targetId,
      createdAt: new Date("2026-03-01T12:00:00Z"),
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
      "id,targetType,targetId,type,createdAt,authorName,authorEmail,sourceDomain,timetoLiveForRecord,oldData,newData,onBehalfOfName,onBehalfOfEmail,recordedAt",
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(
      `contract,${targetId},create,2026-03-01T12:00:00.000Z,"'-Dash, Person",dash@council.example`,
    );
  });

  it("shows the person a client acted for, and when each row was stored", async () => {
    const targetId = randomUUID();
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    await post(demo.serviceHeaders, {
      type: "update",
      targetType: "contactDetails",
      targetId,
      createdAt: yesterday,
      newData: { phone: "020 7946 0000" },
      onBehalfOf: { fullName: "Jane Smith", email: "jane.smith@council.example" },
    });
    const response = await exportRoute.GET(
      new Request(`http://test/api/v1/activityHistory/export?targetType=contactDetails&from=${yesterday}`, {
        headers: demo.serviceHeaders,
      }),
      { params: Promise.resolve({}) },
    );
    const line = (await response.text()).split("\r\n").find((row) => row.includes(targetId))!;
    expect(line).toContain(",demo-service,demo-service@api-clients.invalid,");
    expect(line).toMatch(/,Jane Smith,jane\.smith@council\.example,\d{4}-\d\d-\d\dT[\d:.]+Z$/);
  });

  it("needs the activity:export scope: activity:read alone does not export", async () => {
    const exportWith = (key: string) =>
      exportRoute.GET(
        new Request("http://test/api/v1/activityHistory/export", { headers: { authorization: `Bearer ${key}` } }),
        { params: Promise.resolve({}) },
      );
    const reader = await createApiClient(database.handle.db, { name: "history-reader", scopes: ["activity:read"] });
    const refused = await exportWith(reader.key);
    expect(refused.status).toBe(403);
    expect((await refused.json()).detail).toBe("This needs the activity:export scope");
    const exporter = await createApiClient(database.handle.db, {
      name: "history-exporter",
      scopes: ["activity:read", "activity:export"],
    });
    const exported = await exportWith(exporter.key);
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  });

  it("exports a notification's history only to the client that created the notification", async () => {
    const notificationBy = async (headers: Record<string, string>) => {
      const created = await postNotification(headers, {
        notificationType: "Screen",
        message: "Approve the estimate",
        recipient: { userId: demo.people.fiona!.id },
      });
      await post(demo.serviceHeaders, {
        type: "update",
        targetType: "notification",
        targetId: created.json.id,
        newData: { performedActionType: "Approved", performedActionNote: "Checked the figures" },
      });
      return created.json.id as string;
    };
    const own = await notificationBy(demo.serviceHeaders);
    const anotherClients = await notificationBy(demo.otherServiceHeaders);
    const exported = async (headers: Record<string, string>) => {
      const response = await exportRoute.GET(
        new Request("http://test/api/v1/activityHistory/export?targetType=notification", { headers }),
        { params: Promise.resolve({}) },
      );
      expect(response.status).toBe(200);
      return response.text();
    };
    const byCreator = await exported(demo.serviceHeaders);
    expect(byCreator).toContain(own);
    expect(byCreator).not.toContain(anotherClients);
    const analyst = await createApiClient(database.handle.db, {
      name: "analyst",
      scopes: ["activity:read", "activity:export"],
    });
    const byAnalyst = await exported({ authorization: `Bearer ${analyst.key}` });
    expect(byAnalyst).not.toContain("Checked the figures");
    expect(byAnalyst.trim().split("\r\n")).toHaveLength(1);
  });

  it("is refused to every person, staff and residents alike, and checks its dates", async () => {
    for (const name of ["fiona", "carl", "alex", "rosa"]) {
      const asPerson = await callRoute(exportRoute.GET, "GET", "/api/v1/activityHistory/export", {
        headers: await demo.as(name),
      });
      expect(asPerson.status, name).toBe(403);
      expect(asPerson.json.detail).toBe("This is for API clients with the activity:export scope");
    }
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
