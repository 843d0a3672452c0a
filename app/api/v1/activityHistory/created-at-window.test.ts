import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { activities } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { createPostedActivities } from "@/lib/activity/create-activities";
import { createApiClient } from "@/lib/auth/api-clients";
import type { ClientCaller } from "@/lib/auth/caller";
import { postActivities as post } from "@/lib/testing/activity-history";
import { callRoute } from "@/lib/testing/call-route";
import * as events from "../events/route";

// Issue 10, finding 4: a posted activity may not claim a time in the future, nor one further back
// than ACTIVITY_MAX_BACKDATE_DAYS (7 by default).

const database = setUpTestDatabase();
let headers: Record<string, string>;
let caller: ClientCaller;

beforeAll(async () => {
  const { client, key } = await createApiClient(database.handle.db, {
    name: "repairs-hub",
    scopes: ["activity:read", "activity:write"],
  });
  headers = { authorization: `Bearer ${key}` };
  caller = { kind: "client", id: client.id, name: client.name, scopes: client.scopes };
});

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const fromNow = (ms: number) => new Date(Date.now() + ms).toISOString();
const change = (createdAt: string | undefined, targetId = randomUUID()) => ({
  type: "update" as const,
  targetType: "tenure" as const,
  targetId,
  newData: { rent: "£100.00" },
  ...(createdAt ? { createdAt } : {}),
});

describe("createdAt on POST /api/v1/activityHistory", () => {
  it.each([
    ["an hour ahead", fromNow(60 * MINUTE), "Must not be more than 5 minutes in the future"],
    ["a year ahead", fromNow(365 * DAY), "Must not be more than 5 minutes in the future"],
    ["eight days ago", fromNow(-8 * DAY), "Must not be more than 7 days in the past"],
    ["in 2001", "2001-09-09T01:46:40Z", "Must not be more than 7 days in the past"],
  ])("refuses %s with a 400 naming createdAt", async (_, createdAt, message) => {
    const targetId = randomUUID();
    const { status, json } = await post(headers, change(createdAt, targetId));
    expect(status).toBe(400);
    expect(json.errors).toEqual([{ path: "createdAt", message }]);
    expect(await database.handle.db.select().from(activities).where(eq(activities.targetId, targetId))).toEqual([]);
  });

  it.each([
    ["no time (now)", undefined],
    ["two minutes ahead (a fast clock)", fromNow(2 * MINUTE)],
    ["six days ago", fromNow(-6 * DAY)],
  ])("accepts %s", async (_, createdAt) => {
    const { status } = await post(headers, change(createdAt));
    expect(status).toBe(201);
  });

  it("names the activity in an array by its index, and stores none of the array", async () => {
    const targetId = randomUUID();
    const { status, json } = await post(headers, [change(undefined, targetId), change(fromNow(-30 * DAY), targetId)]);
    expect(status).toBe(400);
    expect(json.errors.map((error: { path: string }) => error.path)).toEqual(["1.createdAt"]);
    expect(await database.handle.db.select().from(activities).where(eq(activities.targetId, targetId))).toEqual([]);
  });

  it("follows the configured number of days", async () => {
    const now = new Date();
    const twentyDaysAgo = new Date(now.getTime() - 20 * DAY).toISOString();
    const stored = await createPostedActivities(database.handle.db, caller, change(twentyDaysAgo), {
      now,
      maxBackdateDays: 30,
    });
    expect(stored).toMatchObject({ createdAt: twentyDaysAgo });
    const anHourAgo = new Date(now.getTime() - 60 * MINUTE).toISOString();
    await expect(
      createPostedActivities(database.handle.db, caller, change(anHourAgo), { now, maxBackdateDays: 0 }),
    ).rejects.toMatchObject({ status: 400, errors: [{ path: "createdAt" }] });
  });
});

describe("dateTime on POST /api/v1/events", () => {
  const send = (dateTime: string) =>
    callRoute(events.POST, "POST", "/api/v1/events", {
      headers,
      body: {
        id: randomUUID(),
        eventType: "TenureUpdatedEvent",
        dateTime,
        user: { name: "Hana Osei", email: "hana.osei@council.example" },
        entityId: randomUUID(),
      },
    });

  it.each([
    ["an hour ahead", fromNow(60 * MINUTE)],
    ["eight days ago", fromNow(-8 * DAY)],
  ])("refuses %s with a 400 naming dateTime", async (_, dateTime) => {
    const { status, json } = await send(dateTime);
    expect(status).toBe(400);
    expect(json.errors.map((error: { path: string }) => error.path)).toEqual(["dateTime"]);
  });

  it("accepts an event from yesterday", async () => {
    expect((await send(fromNow(-DAY))).status).toBe(201);
  });
});
