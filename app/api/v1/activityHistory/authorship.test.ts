import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/client";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { createApiClient } from "@/lib/auth/api-clients";
import { postActivities as post } from "@/lib/testing/activity-history";
import { callRoute } from "@/lib/testing/call-route";
import * as events from "../events/route";
import * as history from "./route";

// Issue 10, finding 4: the author of a posted activity is the authenticated caller. A client may
// name the person it acts for, and that person is recorded as such, never as the author.

const database = setUpTestDatabase();
let frontend: { id: string; headers: Record<string, string> };

const jane = { fullName: "Jane Smith", email: "jane.smith@council.example" };
const frontendAuthor = () => ({
  id: frontend.id,
  fullName: "housing-frontend",
  email: "housing-frontend@api-clients.invalid",
});

beforeAll(async () => {
  const { client, key } = await createApiClient(database.handle.db, {
    name: "housing-frontend",
    scopes: ["activity:read", "activity:write"],
  });
  frontend = { id: client.id, headers: { authorization: `Bearer ${key}` } };
});

const change = (extra: Record<string, unknown>) => ({
  type: "update",
  targetType: "person",
  targetId: randomUUID(),
  newData: { surname: "Smyth" },
  ...extra,
});
const readHistory = (targetId: string) =>
  callRoute(history.GET, "GET", "/api/v1/activityHistory", { headers: frontend.headers, query: { targetId } });

describe("POST /api/v1/activityHistory", () => {
  it("records the council's authorDetails as the person acted for, and the client as the author", async () => {
    const body = change({ authorDetails: jane });
    const { status, json } = await post(frontend.headers, body);
    expect(status).toBe(201);
    expect(json.authorDetails).toEqual(frontendAuthor());
    expect(json.onBehalfOf).toEqual(jane);
    const { json: page } = await readHistory(body.targetId);
    expect(page.results[0].authorDetails).toEqual(frontendAuthor());
    expect(page.results[0].onBehalfOf).toEqual(jane);
  });

  it("takes onBehalfOf, the new name for the same thing", async () => {
    const { status, json } = await post(frontend.headers, change({ onBehalfOf: { id: "E123", ...jane } }));
    expect(status).toBe(201);
    expect(json.authorDetails).toEqual(frontendAuthor());
    expect(json.onBehalfOf).toEqual({ id: "E123", ...jane });
  });

  it("cannot name another author, even one whose id is the client's own", async () => {
    const forged = { id: frontend.id, fullName: "Admin User", email: "alex.admin@council.example" };
    const { json } = await post(frontend.headers, [change({ authorDetails: forged })]);
    expect(json[0].authorDetails).toEqual(frontendAuthor());
    expect(json[0].onBehalfOf).toEqual(forged);
  });

  it("needs nobody named: the client alone is the author", async () => {
    const { status, json } = await post(frontend.headers, change({}));
    expect(status).toBe(201);
    expect(json.authorDetails).toEqual(frontendAuthor());
    expect(json).not.toHaveProperty("onBehalfOf");
  });

  it("refuses both names at once, naming onBehalfOf", async () => {
    const { status, json } = await post(frontend.headers, change({ authorDetails: jane, onBehalfOf: jane }));
    expect(status).toBe(400);
    expect(json.errors.map((error: { path: string }) => error.path)).toEqual(["onBehalfOf"]);
  });

  it("shows the real author and the person acted for in the analysts' view", async () => {
    const { json } = await post(frontend.headers, change({ authorDetails: jane }));
    const rows = rowsOf<Record<string, string>>(
      await database.handle.db.execute(
        sql`select author_name, author_email, on_behalf_of_name, on_behalf_of_email
            from activity_history_report where id = ${json.id}`,
      ),
    );
    expect(rows).toEqual([
      {
        author_name: "housing-frontend",
        author_email: "housing-frontend@api-clients.invalid",
        on_behalf_of_name: jane.fullName,
        on_behalf_of_email: jane.email,
      },
    ]);
  });
});

describe("POST /api/v1/events", () => {
  it("records the event's user as the person acted for, and the delivering client as the author", async () => {
    const { status, json } = await callRoute(events.POST, "POST", "/api/v1/events", {
      headers: frontend.headers,
      body: {
        id: randomUUID(),
        eventType: "PersonUpdatedEvent",
        dateTime: new Date().toISOString(),
        user: { name: jane.fullName, email: jane.email },
        entityId: randomUUID(),
      },
    });
    expect(status).toBe(201);
    expect(json.activity.authorDetails).toEqual(frontendAuthor());
    expect(json.activity.onBehalfOf).toEqual(jane);
  });
});
