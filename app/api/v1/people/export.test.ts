import { beforeAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { sessionCookieFor } from "@/lib/next-bridge/session-cookie";
import { callRoute } from "@/lib/testing/call-route";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";
import { postNotification } from "@/lib/testing/notification-requests";
import * as notificationRoute from "../notifications/[id]/route";
import * as exportRoute from "./[id]/export/route";
import * as people from "./route";

// Subject access: one JSON file with everything held about the person, and nothing about anyone else.

const database = setUpTestDatabase();
let demo: DemoCallers;

beforeAll(async () => {
  demo = await setUpDemoCallers(database.handle.db);
});

const exportOf = async (id: string, headers?: Record<string, string>) =>
  callRoute(exportRoute.GET, "GET", `/api/v1/people/${id}/export`, {
    headers: headers ?? (await demo.as("alex")),
    params: { id },
  });

async function addResident(name: string, email: string) {
  const created = await callRoute(people.POST, "POST", "/api/v1/people", {
    headers: await demo.as("alex"),
    body: { name, kind: "resident", email },
  });
  expect(created.status).toBe(201);
  const id = created.json.id as string;
  const notification = await postNotification(demo.serviceHeaders, {
    notificationType: "Screen",
    message: `A message for ${name}`,
    recipient: { userId: id },
  });
  expect(notification.status).toBe(201);
  return { id, notificationId: notification.json.id as string };
}

describe("GET /api/v1/people/{id}/export", () => {
  it("downloads the person's record, notifications, receipts, actions and history, and no one else's", async () => {
    const wanda = await addResident("Wanda Export", "wanda.export@resident.example");
    const other = await addResident("Otto Other", "otto.other@resident.example");
    const read = await callRoute(notificationRoute.PATCH, "PATCH", `/api/v1/notifications/${wanda.notificationId}`, {
      headers: { cookie: await sessionCookieFor(wanda.id) },
      params: { id: wanda.notificationId },
      body: { actionType: "IsRead" },
    });
    expect(read.status).toBe(200);

    const { status, headers, json } = await exportOf(wanda.id);
    const text = JSON.stringify(json);
    expect(status).toBe(200);
    expect(headers.get("content-type")).toMatch(/^application\/json/);
    expect(headers.get("content-disposition")).toMatch(
      new RegExp(`^attachment; filename="person-${wanda.id}-\\d{4}-\\d{2}-\\d{2}\\.json"$`),
    );
    expect(json.person).toMatchObject({ id: wanda.id, name: "Wanda Export", email: "wanda.export@resident.example" });
    expect(json.notifications.map((item: { id: string }) => item.id)).toEqual([wanda.notificationId]);
    expect(json.receipts).toEqual([expect.objectContaining({ notificationId: wanda.notificationId })]);
    expect(json.actions).toEqual([expect.objectContaining({ actionType: "IsRead", performedByUserId: wanda.id })]);
    // The directory's record of adding her, and her own reading of the message.
    expect(json.activities.length).toBeGreaterThanOrEqual(2);
    expect(text).not.toContain("Otto Other");
    expect(text).not.toContain(other.notificationId);
  });

  it("is a 404 for an unknown person, and refused to callers who may not manage personal data", async () => {
    expect((await exportOf("7b0c5a38-3d0e-4a63-9a4e-2d5b7f0e9c11")).status).toBe(404);
    const rosa = demo.people.rosa!;
    expect((await exportOf(rosa.id, demo.otherServiceHeaders)).status).toBe(403);
    expect((await exportOf(rosa.id, await demo.as("fiona"))).status).toBe(403);
    expect((await exportOf(rosa.id, await demo.as("rosa"))).status).toBe(403);
    expect((await exportOf(rosa.id, demo.serviceHeaders)).status).toBe(200);
  });
});
