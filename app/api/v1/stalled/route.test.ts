import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { ingestEntityEvent } from "@/lib/activity/ingest-entity-event";
import { rulesCaller } from "@/lib/rules/engine/rules-caller";
import { callRoute } from "@/lib/testing/call-route";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";
import * as stalled from "./route";

// GET /api/v1/stalled: the Stalled view's records, least privilege, paged and validated.

const database = setUpTestDatabase();
let demo: DemoCallers;
const process = randomUUID();
const DAY = 86_400_000;

beforeAll(async () => {
  demo = await setUpDemoCallers(database.handle.db);
  const service = await rulesCaller(database.handle.db);
  const at = new Date(Date.now() - 16 * DAY);
  await database.handle.db.transaction((tx) =>
    ingestEntityEvent(
      tx,
      service,
      {
        id: randomUUID(),
        eventType: "ProcessStartedEvent",
        dateTime: at.toISOString(),
        user: { name: "Pat Clerk", email: "pat@council.example" },
        entityId: process,
      },
      { window: { now: new Date(), maxBackdateDays: 3650 } },
    ),
  );
});

const list = (headers: Record<string, string>, query: Record<string, string> = {}) =>
  callRoute(stalled.GET, "GET", "/api/v1/stalled", { headers, query });

describe("GET /api/v1/stalled", () => {
  it("lists a process quiet for 16 days to a housing officer, with a link to its timeline", async () => {
    const { status, json } = await list(await demo.as("hana"));
    expect(status).toBe(200);
    expect(json.results).toContainEqual(
      expect.objectContaining({
        targetType: "process",
        targetId: process,
        quietFor: "16 days",
        timelineUrl: `/activity/process/${process}`,
      }),
    );
  });

  it("does not show a repairs manager or a resident stalled processes", async () => {
    for (const name of ["rob", "rosa"]) {
      const { status, json } = await list(await demo.as(name));
      expect(status).toBe(200);
      expect(json.results.map((row: { targetType: string }) => row.targetType)).not.toContain("process");
    }
  });

  it("refuses a caller without credentials", async () => {
    expect((await list({})).status).toBe(401);
  });

  it.each([
    [{ pageSize: "0" }, "pageSize"],
    [{ pageSize: "101" }, "pageSize"],
    [{ pageSize: "ten" }, "pageSize"],
    [{ paginationToken: "not-a-token" }, "paginationToken"],
    [{ paginationToken: Buffer.from('{"at":"2026-99-01","id":"x"}').toString("base64url") }, "paginationToken"],
  ])("answers %o with a 400 naming %s", async (query, path) => {
    const { status, json, headers } = await list(await demo.as("hana"), query);
    expect(status).toBe(400);
    expect(headers.get("content-type")).toContain("application/problem+json");
    expect(json.errors.map((error: { path: string }) => error.path)).toContain(path);
  });
});
