import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { notifications } from "@/db/schema";
import { screenToFinance, visitDueEmail } from "@/lib/notifications/testing/bodies";
import { notificationRoutes } from "@/lib/notifications/testing/notification-routes";
import { clearTemplateCache } from "@/lib/notify/templates";
import { setUpNotificationsApi } from "@/lib/notifications/testing/set-up-notifications-api";

// POST /api/v1/notifications with an Idempotency-Key.

const api = setUpNotificationsApi({ notify: true });
const { database, demo } = api;

const { post } = notificationRoutes;

describe("Idempotency-Key", () => {
  it("returns the first response for a repeat and creates nothing new", async () => {
    const body = { ...screenToFinance, message: "Idempotent create" };
    const first = await post(demo.serviceHeaders, body, { "idempotency-key": "create-42" });
    const second = await post(demo.serviceHeaders, body, { "idempotency-key": "create-42" });
    expect(second.status).toBe(201);
    expect(second.json.id).toBe(first.json.id);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    const stored = await database.handle.db
      .select()
      .from(notifications)
      .where(eq(notifications.message, "Idempotent create"));
    expect(stored).toHaveLength(1);
  });

  it("refuses the same key with a different body, and keeps keys apart per caller", async () => {
    await post(demo.serviceHeaders, { ...screenToFinance, message: "Key A" }, { "idempotency-key": "create-43" });
    const clash = await post(
      demo.serviceHeaders,
      { ...screenToFinance, message: "Key B" },
      { "idempotency-key": "create-43" },
    );
    expect(clash.status).toBe(409);
    const otherCaller = await post(
      demo.otherServiceHeaders,
      { ...screenToFinance, message: "Key B" },
      { "idempotency-key": "create-43" },
    );
    expect(otherCaller.status).toBe(201);
  });
});

describe("Idempotency-Key while GOV.UK Notify is unreachable", () => {
  it("replays a stored create without asking Notify, and refuses a new one with 503 that stores nothing", async () => {
    const body = visitDueEmail;
    const first = await post(demo.serviceHeaders, body, { "idempotency-key": "create-while-down" });
    expect(first.status).toBe(201);
    clearTemplateCache();
    api.notify.setFailure({ status: 500, share: 1 });
    try {
      const replay = await post(demo.serviceHeaders, body, { "idempotency-key": "create-while-down" });
      expect(replay.status).toBe(201);
      expect(replay.json.id).toBe(first.json.id);
      const fresh = await post(
        demo.serviceHeaders,
        { ...body, email: "b@example.com" },
        { "idempotency-key": "create-while-down-2" },
      );
      expect(fresh.status).toBe(503);
      expect(
        await database.handle.db.select().from(notifications).where(eq(notifications.email, "b@example.com")),
      ).toEqual([]);
    } finally {
      api.notify.setFailure(null);
    }
    const retried = await post(
      demo.serviceHeaders,
      { ...body, email: "b@example.com" },
      { "idempotency-key": "create-while-down-2" },
    );
    expect(retried.status).toBe(201);
  });
});
