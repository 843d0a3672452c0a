import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { notificationRoutes } from "@/lib/notifications/testing/notification-routes";
import { setUpNotificationsApi } from "@/lib/notifications/testing/set-up-notifications-api";
import { callRoute } from "@/lib/testing/call-route";
import * as markAllRead from "../../mark-all-read/route";

const { demo } = setUpNotificationsApi();

const post = async (body: Record<string, unknown>) => {
  const response = await notificationRoutes.post(demo.serviceHeaders, {
    notificationType: "Screen",
    recipient: { team: "finance" },
    ...body,
  });
  expect(response.status).toBe(201);
  return response.json as { id: string; createdDate: string };
};
const { putReceipt, get, list } = notificationRoutes;
const countsFor = async (headers: Record<string, string>) => (await notificationRoutes.counts(headers)).json;

describe("PUT /api/v1/notifications/{id}/receipt", () => {
  it("marks the caller's own copy read, unread, archived and back, leaving colleagues' copies alone", async () => {
    const { id } = await post({ message: "Receipt state check" });
    const fiona = await demo.as("fiona");
    const farid = await demo.as("farid");
    const before = await countsFor(fiona);

    const read = await putReceipt(fiona, id, { read: true });
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ id, isReadStatus: true, isArchived: false });
    expect((await countsFor(fiona)).unread).toBe(before.unread - 1);
    expect((await get(farid, id)).json.isReadStatus).toBe(false);

    expect((await putReceipt(fiona, id, { read: false })).json.isReadStatus).toBe(false);
    const archived = await putReceipt(fiona, id, { archived: true });
    expect(archived.json.isArchived).toBe(true);
    expect(await countsFor(fiona)).toMatchObject({ archived: before.archived + 1, all: before.all - 1 });
    expect((await list(fiona, { status: "archived" })).json.results.map((item: { id: string }) => item.id)).toContain(
      id,
    );
    expect((await list(fiona, { status: "all" })).json.results.map((item: { id: string }) => item.id)).not.toContain(
      id,
    );

    await putReceipt(fiona, id, { archived: false });
    expect((await list(fiona, { status: "all" })).json.results.map((item: { id: string }) => item.id)).toContain(id);
    // Tidying an inbox is not an action: the audit trail stays empty.
    expect((await get(fiona, id)).json.actions).toEqual([]);
  });

  it.each([
    [{}, "read"],
    [{ read: "yes" }, "read"],
    [{ archived: 1 }, "archived"],
  ])("refuses %j naming %s", async (body, path) => {
    const { id } = await post({ message: "Bad receipt body" });
    const { status, json } = await putReceipt(await demo.as("fiona"), id, body);
    expect(status).toBe(400);
    expect(json.errors.map((error: { path: string }) => error.path)).toContain(path);
  });

  it("is 404 for someone outside the team and for an unknown id, and 403 for an API client", async () => {
    const { id } = await post({ message: "Not for repairs" });
    expect((await putReceipt(await demo.as("rob"), id, { read: true })).status).toBe(404);
    expect((await putReceipt(await demo.as("fiona"), randomUUID(), { read: true })).status).toBe(404);
    expect((await putReceipt(demo.serviceHeaders, id, { read: true })).status).toBe(403);
  });
});

describe("POST /api/v1/notifications/mark-all-read", () => {
  it("marks read what arrived by `before` and leaves later arrivals unread", async () => {
    const grace = await demo.as("grace");
    const seen = await post({ message: "Seen before marking" });
    const later = await post({ message: "Arrived after the list loaded" });
    const response = await callRoute(markAllRead.POST, "POST", "/api/v1/notifications/mark-all-read", {
      headers: grace,
      body: { before: seen.createdDate },
    });
    expect(response.status).toBe(200);
    expect(response.json.updated).toBeGreaterThanOrEqual(1);
    expect((await get(grace, seen.id)).json.isReadStatus).toBe(true);
    expect((await get(grace, later.id)).json.isReadStatus).toBe(false);
    expect((await countsFor(grace)).unread).toBe(1);
  });

  it("needs a time", async () => {
    const response = await callRoute(markAllRead.POST, "POST", "/api/v1/notifications/mark-all-read", {
      headers: await demo.as("grace"),
      body: { before: "yesterday" },
    });
    expect(response.status).toBe(400);
    expect(response.json.errors[0].path).toBe("before");
  });
});

describe("GET /api/v1/notifications inbox filters", () => {
  it("filters by category, text and date, treating % and _ in a search as text", async () => {
    const tag = randomUUID().slice(0, 8);
    const survey = await post({ category: "newTenure", message: `New tenure ${tag} at 50% share` });
    await post({ category: "newProperty", message: `New property ${tag}` });
    const fiona = await demo.as("fiona");
    const ids = async (query: Record<string, string>) =>
      (await list(fiona, query)).json.results.map((item: { id: string }) => item.id) as string[];

    expect(await ids({ q: tag, category: "newTenure" })).toEqual([survey.id]);
    expect(await ids({ q: `${tag} at 50%` })).toEqual([survey.id]);
    expect(await ids({ q: `${tag}_` })).toEqual([]);
    const today = survey.createdDate.slice(0, 10);
    expect(await ids({ q: tag, from: today, to: today })).toHaveLength(2);
    expect(await ids({ q: tag, to: "2000-01-01" })).toEqual([]);
  });

  it.each([
    [{ category: "notACategory" }, "category"],
    [{ from: "23/11/2026" }, "from"],
    [{ q: "x".repeat(201) }, "q"],
  ])("rejects %j", async (query, path) => {
    const { status, json } = await list(await demo.as("fiona"), query);
    expect(status).toBe(400);
    expect(json.errors[0].path).toBe(path);
  });
});
