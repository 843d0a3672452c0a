import { describe, expect, it } from "vitest";
import * as activityHistory from "@/app/api/v1/activityHistory/route";
import * as events from "@/app/api/v1/events/route";
import * as messageStatus from "@/app/api/v1/message-status/[serviceKey]/[notifyId]/route";
import * as notifications from "@/app/api/v1/notifications/route";
import * as batch from "@/app/api/v1/notifications/batch/route";
import * as preferences from "@/app/api/v1/me/preferences/route";
import { callRoute } from "@/lib/testing/call-route";
import { setUpWriteRoutes, validQueryFor } from "@/lib/testing/write-routes";

// Issue 10, the "Low" list: inputs that ended in a 500. Each is a 400 naming what is wrong.

const fixture = setUpWriteRoutes();
const service = () => fixture.headersFor({ path: "/api/v1/notifications" } as never);
const resident = () => fixture.headersFor({ path: "/api/v1/me/preferences" } as never);

/** `{ a: { a: … { a: "deep" } } }`, `depth` objects deep, as JSON text (JSON.stringify recurses). */
function nestedJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}"deep"${"}".repeat(depth)}`;
}

const activity = (newData: string) =>
  `{"type":"update","targetType":"tenure","targetId":"6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0b99","newData":${newData}}`;

function expectBadRequest(answer: { status: number; headers: Headers; json: { errors?: { path: string }[] } }) {
  expect(answer.status, JSON.stringify(answer.json)).toBe(400);
  expect(answer.headers.get("content-type")).toContain("application/problem+json");
  return answer.json.errors?.map((error) => error.path) ?? [];
}

describe("JSON nested deeper than anyone needs", () => {
  it.each([
    ["activity newData", "POST", activityHistory.POST, "/api/v1/activityHistory", () => activity(nestedJson(10_000))],
    [
      "an entity event's eventData",
      "POST",
      events.POST,
      "/api/v1/events",
      () =>
        `{"id":"6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0f01","eventType":"PersonUpdatedEvent","dateTime":"${new Date().toISOString()}","user":{"name":"A","email":"a@council.example"},"entityId":"6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0f02","eventData":{"newData":${nestedJson(10_000)}}}`,
    ],
    [
      "personalisation",
      "POST",
      notifications.POST,
      "/api/v1/notifications",
      () =>
        `{"notificationType":"Screen","message":"m","recipient":{"team":"finance"},"personalisationParams":${nestedJson(10_000)}}`,
    ],
  ])("is refused in %s with a 400 naming the field", async (_case, method, handler, path, body) => {
    const answer = await callRoute(handler, method, path, { headers: service(), body: body() });
    const paths = expectBadRequest(answer);
    expect(paths).toHaveLength(1);
    expect(paths[0]).toMatch(/^(newData|eventData\.newData|personalisationParams)(\.a)+$/);
  });

  it("is refused in a resident's preferences too", async () => {
    const answer = await callRoute(preferences.PUT, "PUT", "/api/v1/me/preferences", {
      headers: resident(),
      body: `{"mobileNumber":null,"categories":${"[".repeat(5_000)}${"]".repeat(5_000)}}`,
    });
    expect(expectBadRequest(answer)[0]).toMatch(/^categories/);
  });

  it("is stored when it is as deep as the limit allows", async () => {
    const answer = await callRoute(activityHistory.POST, "POST", "/api/v1/activityHistory", {
      headers: service(),
      body: activity(nestedJson(30)),
    });
    expect(answer.status, JSON.stringify(answer.json)).toBe(201);
  });
});

describe("NUL, which PostgreSQL text cannot hold", () => {
  it("in a CSV cell of a batch is a 400 naming the row and column", async () => {
    const csv = [
      "email address,title,recipient_name,urgent,summary,action_url",
      "a@example.com,T\u0000,R,no,S,https://x.example/",
    ].join("\n");
    const answer = await callRoute(batch.POST, "POST", "/api/v1/notifications/batch", {
      headers: { ...service(), "content-type": "text/csv" },
      query: validQueryFor({ path: "/api/v1/notifications/batch" } as never),
      body: csv,
    });
    expect(expectBadRequest(answer)).toEqual(["line 2: title"]);
  });

  it("in a message-status path segment is a 400 naming it", async () => {
    const answer = await callRoute(messageStatus.GET, "GET", "/api/v1/message-status/housing/%00", {
      headers: service(),
      params: { serviceKey: "housing", notifyId: "\u0000" },
    });
    expect(expectBadRequest(answer)).toEqual(["notifyId"]);
  });
});
