import { inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deliveries, notifications } from "@/db/schema";
import { recipientLimiter } from "@/lib/api/rate-limit";
import { screenToFinance, visitDueEmail } from "@/lib/notifications/testing/bodies";
import { rowCount } from "@/lib/notifications/testing/notification-routes";
import { setUpNotificationsApi } from "@/lib/notifications/testing/set-up-notifications-api";
import { callRoute } from "@/lib/testing/call-route";
import * as route from "./route";

const { database, demo } = setUpNotificationsApi({ notify: true });

const post = (body: unknown, headers: Record<string, string> = {}) =>
  callRoute(route.POST, "POST", "/api/v1/notifications/bulk", {
    headers: { ...demo.serviceHeaders, ...headers },
    body,
  });

const screen = (message: string) => ({ ...screenToFinance, message });
const email = (address: string) => ({ ...visitDueEmail, email: address });
const notificationCount = () => rowCount(database.handle.db, notifications);
const paths = (json: { errors?: { path: string }[] }) => json.errors?.map((error) => error.path);

describe("POST /api/v1/notifications/bulk", () => {
  it("creates every item and answers their ids and notifications in the order of the items", async () => {
    const items = [screen("Bulk first"), email("bulk.one@example.com"), screen("Bulk third")];
    const { status, json } = await post({ notifications: items });
    expect(status).toBe(201);
    expect(json.count).toBe(3);
    expect(json.notifications.map((notification: { id: string }) => notification.id)).toEqual(json.ids);
    const stored = await database.handle.db.select().from(notifications).where(inArray(notifications.id, json.ids));
    const byId = new Map(stored.map((row) => [row.id, row]));
    expect(json.ids.map((id: string) => [byId.get(id)?.message ?? null, byId.get(id)?.email ?? null])).toEqual([
      ["Bulk first", null],
      [null, "bulk.one@example.com"],
      ["Bulk third", null],
    ]);
    const queued = await database.handle.db
      .select()
      .from(deliveries)
      .where(inArray(deliveries.notificationId, json.ids));
    expect(queued.map((delivery) => [delivery.notificationId, delivery.channel])).toEqual([[json.ids[1], "email"]]);
  });

  it.each([
    ["a bad email address in item 2", [screen("ok"), screen("ok"), email("not-an-email")], ["notifications.2.email"]],
    [
      "problems in two items, each named",
      [{ ...screen("ok"), notificationType: "Fax" }, screen("ok"), { ...screen("ok"), message: undefined }],
      ["notifications.0.notificationType", "notifications.2.message"],
    ],
    [
      "a template field the item leaves out",
      [email("a@example.com"), { ...visitDueEmail, personalisationParams: { title: "T" } }],
      expect.arrayContaining(["notifications.1.personalisationParams.recipient_name"]),
    ],
    ["an item that is not an object", [screen("ok"), "hello"], ["notifications.1"]],
    ["a bare array instead of { notifications }", undefined, [""]],
    ["no items", [], ["notifications"]],
    ["1,001 items", Array.from({ length: 1001 }, () => screen("many")), ["notifications"]],
  ])("refuses %s with 400, naming each item by its index, and stores nothing", async (_case, items, expected) => {
    const before = await notificationCount();
    const { status, json } = await post(items === undefined ? [screen("bare")] : { notifications: items });
    expect(status).toBe(400);
    expect(paths(json)).toEqual(expected);
    expect(await notificationCount()).toBe(before);
  });

  it("is all or nothing: an item refused inside the transaction takes the others back with it", async () => {
    const before = await notificationCount();
    const items = [screen("Rolled back"), { ...screen("Rolled back"), recipient: { team: "no-such-team" } }];
    const { status, json } = await post({ notifications: items });
    expect(status).toBe(400);
    expect(paths(json)).toEqual(["notifications.1.recipient.team"]);
    expect(await notificationCount()).toBe(before);
  });

  it("replays the first answer for the same Idempotency-Key, creates nothing new, and refuses another body", async () => {
    const body = { notifications: [screen("Idempotent bulk"), email("idem.bulk@example.com")] };
    const first = await post(body, { "idempotency-key": "bulk-1" });
    expect(first.status).toBe(201);
    const before = await notificationCount();
    const again = await post(body, { "idempotency-key": "bulk-1" });
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await notificationCount()).toBe(before);
    const other = await post({ notifications: [screen("Another")] }, { "idempotency-key": "bulk-1" });
    expect(other.status).toBe(409);
  });

  it("obeys the per-recipient cap as single creates do: one item too many to an address creates nothing", async () => {
    const before = await notificationCount();
    const items = Array.from({ length: recipientLimiter.limit + 1 }, () => email("capped.bulk@example.com"));
    const { status, json, headers } = await post({ notifications: items });
    expect(status).toBe(429);
    expect(headers.get("retry-after")).toMatch(/^\d+$/);
    expect(paths(json)).toEqual([`notifications.${recipientLimiter.limit}.email`]);
    expect(await notificationCount()).toBe(before);
  });

  it("refuses a body over its 10 MB limit with 413 and other content types with 415", async () => {
    const huge = { notifications: [screen("x".repeat(11 * 1024 * 1024))] };
    expect((await post(huge)).status).toBe(413);
    expect((await post("notifications", { "content-type": "text/plain" })).status).toBe(415);
  });
});
