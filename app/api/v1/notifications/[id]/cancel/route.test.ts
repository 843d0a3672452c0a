import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { activities, deliveries, notificationEvents } from "@/db/schema";
import { cancelDeliveries } from "@/lib/delivery/cancel-deliveries";
import { createSendRateLimiter } from "@/lib/delivery/rate-limiter";
import { sendDelivery } from "@/lib/delivery/send-delivery";
import { countByReference, setUpDeliveryTest, statusEventsOf } from "@/lib/delivery/test-support";
import { notifyTemplateIds } from "@/lib/notify-simulator";
import { callRoute } from "@/lib/testing/call-route";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";
import { emailNotificationBody, postNotification } from "@/lib/testing/notification-requests";
import * as itemRoute from "../route";
import { POST as cancel } from "./route";

// POST /api/v1/notifications/{id}/cancel and the cancelling DELETE, against the real Notify simulator.
// No workers: each test plays the worker's send itself, so it decides when (and whether) it races.

const context = setUpDeliveryTest({ workers: false });
let demo: DemoCallers;
beforeAll(async () => {
  demo = await setUpDemoCallers(context.handle.db);
});
const limiter = () =>
  createSendRateLimiter(context.handle.db, { limitFor: () => ({ requests: 100_000, perSeconds: 60 }) });

const cancelAs = (headers: Record<string, string>, id: string) =>
  callRoute(cancel, "POST", `/api/v1/notifications/${id}/cancel`, { headers, params: { id } });

/** An email and a text to a resident, created through the API: two deliveries, not yet sent. */
async function emailAndText(): Promise<{ id: string; deliveryIds: string[] }> {
  const { status, json } = await postNotification(
    demo.serviceHeaders,
    emailNotificationBody("rosa.resident@example.com", {
      templateId: undefined,
      emailTemplateId: notifyTemplateIds.email.visitDue,
      smsTemplateId: notifyTemplateIds.sms.visitDue,
      requireSmsNotification: true,
      mobileNumber: "07700900123",
    }),
  );
  expect(status, JSON.stringify(json)).toBe(201);
  const rows = await context.handle.db.select().from(deliveries).where(eq(deliveries.notificationId, json.id));
  return { id: json.id, deliveryIds: rows.map((row) => row.id) };
}

const cancelActivities = (id: string) =>
  context.handle.db
    .select()
    .from(activities)
    .where(and(eq(activities.targetId, id), eq(activities.targetType, "notification"), eq(activities.type, "update")));

describe("POST /api/v1/notifications/{id}/cancel", () => {
  it("cancels every unsent delivery, which a worker then never hands to Notify", async () => {
    const { id, deliveryIds } = await emailAndText();
    expect(deliveryIds).toHaveLength(2);
    const { status, json } = await cancelAs(demo.serviceHeaders, id);
    expect(status, JSON.stringify(json)).toBe(200);
    expect(json.id).toBe(id);
    expect(json.deliveries.map((delivery: { status: string }) => delivery.status)).toEqual(["cancelled", "cancelled"]);
    expect(json.cancellation.deliveries.map((d: { outcome: string }) => d.outcome)).toEqual(["cancelled", "cancelled"]);
    for (const deliveryId of deliveryIds) {
      await expect(sendDelivery(context.handle.db, deliveryId, { limiter: limiter() })).resolves.toBe("skipped");
      expect(countByReference(context.simulator).get(deliveryId)).toBeUndefined();
      expect(
        (await statusEventsOf(context.handle.db, deliveryId)).map((event) => [event.status, event.source]),
      ).toEqual([["cancelled", "request"]]);
    }
    // In the notification's audit trail (its activity history), authored by the client that cancelled.
    const [entry] = await cancelActivities(id);
    expect(entry?.oldData).toEqual({ emailStatus: "pending", smsStatus: "pending" });
    expect(entry?.newData).toEqual({ emailStatus: "cancelled", smsStatus: "cancelled" });
  });

  it("answers the same when asked twice, and records the cancel once", async () => {
    const { id } = await emailAndText();
    const first = await cancelAs(demo.serviceHeaders, id);
    const second = await cancelAs(demo.serviceHeaders, id);
    expect(second.status).toBe(200);
    expect(second.json.cancellation).toEqual(first.json.cancellation);
    expect(await cancelActivities(id)).toHaveLength(1);
    // Open inboxes hear of it once: the two deliveries' status changes are one notification.updated.
    const updates = await context.handle.db
      .select()
      .from(notificationEvents)
      .where(and(eq(notificationEvents.notificationId, id), eq(notificationEvents.type, "notification.updated")));
    expect(updates).toHaveLength(1);
  });

  it("reports a delivery already handed to Notify as not cancellable, and cancels the rest", async () => {
    const { id, deliveryIds } = await emailAndText();
    const [sentId, unsentId] = deliveryIds as [string, string];
    await expect(sendDelivery(context.handle.db, sentId, { limiter: limiter() })).resolves.toBe("sent");
    const { status, json } = await cancelAs(demo.serviceHeaders, id);
    expect(status).toBe(200);
    const outcomes = Object.fromEntries(
      json.cancellation.deliveries.map((d: { deliveryId: string; outcome: string; reason: string | null }) => [
        d.deliveryId,
        [d.outcome, d.reason],
      ]),
    );
    expect(outcomes[sentId]).toEqual(["notCancellable", "Already handed to GOV.UK Notify"]);
    expect(outcomes[unsentId]).toEqual(["cancelled", null]);
    expect(countByReference(context.simulator).get(sentId)).toBe(1);
    expect(countByReference(context.simulator).get(unsentId)).toBeUndefined();
  });

  it("is refused to staff who can see the notification, and is a 404 for another client", async () => {
    const { status, json } = await postNotification(demo.serviceHeaders, {
      notificationType: "Screen",
      message: "Cancel me not",
      recipient: { team: "finance" },
    });
    expect(status).toBe(201);
    expect((await cancelAs(await demo.as("fiona"), json.id)).status).toBe(403);
    expect((await cancelAs(demo.otherServiceHeaders, json.id)).status).toBe(404);
  });

  it("answers 400 for an id that is not a uuid", async () => {
    const { status, json } = await cancelAs(demo.serviceHeaders, "not-an-id");
    expect(status).toBe(400);
    expect(json.errors.map((error: { path: string }) => error.path)).toEqual(["id"]);
  });
});

describe("DELETE /api/v1/notifications/{id}", () => {
  it("cancels the deliveries not yet handed to Notify", async () => {
    const { id, deliveryIds } = await emailAndText();
    const { status } = await callRoute(itemRoute.DELETE, "DELETE", `/api/v1/notifications/${id}`, {
      headers: demo.serviceHeaders,
      params: { id },
    });
    expect(status).toBe(204);
    const rows = await context.handle.db.select().from(deliveries).where(eq(deliveries.notificationId, id));
    expect(rows.map((row) => row.status)).toEqual(["cancelled", "cancelled"]);
    for (const deliveryId of deliveryIds)
      await expect(sendDelivery(context.handle.db, deliveryId, { limiter: limiter() })).resolves.toBe("skipped");
  });
});

describe("a cancel racing a send", () => {
  it("either sends and does not cancel, or cancels and never reaches Notify", async () => {
    const outcomes = { sent: 0, cancelled: 0 };
    for (let round = 0; round < 12; round++) {
      const { id, deliveryIds } = await emailAndText();
      const [deliveryId] = deliveryIds as [string];
      // Each side in turn starts a moment after the other (0–3 ms), so both orders and near-ties occur.
      const after = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      const sendDelay = round % 2 === 0 ? round % 4 : 0;
      const cancelDelay = round % 2 === 1 ? round % 4 : 0;
      const [sendOutcome, cancelled] = await Promise.all([
        after(sendDelay).then(() => sendDelivery(context.handle.db, deliveryId, { limiter: limiter() })),
        after(cancelDelay).then(() => cancelAs(demo.serviceHeaders, id)),
      ]);
      expect(cancelled.status).toBe(200);
      const outcome = cancelled.json.cancellation.deliveries.find(
        (d: { deliveryId: string }) => d.deliveryId === deliveryId,
      ).outcome;
      const atNotify = countByReference(context.simulator).get(deliveryId) ?? 0;
      const [row] = await context.handle.db.select().from(deliveries).where(eq(deliveries.id, deliveryId));
      if (outcome === "cancelled") {
        expect([sendOutcome, atNotify, row!.status, row!.notifyId]).toEqual(["skipped", 0, "cancelled", null]);
        outcomes.cancelled++;
      } else {
        expect([sendOutcome, atNotify, row!.status === "cancelled"]).toEqual(["sent", 1, false]);
        outcomes.sent++;
      }
    }
    // Which side wins each round depends on timing (the next test fixes the cancel first).
    expect(outcomes.sent + outcomes.cancelled).toBe(12);
  }, 60_000);

  it("makes a send that starts while a cancel holds the row wait, then find it cancelled", async () => {
    const { id, deliveryIds } = await emailAndText();
    const [deliveryId] = deliveryIds as [string];
    let sending: Promise<string> | undefined;
    await context.handle.db.transaction(async (tx) => {
      await cancelDeliveries(tx, id);
      // On PostgreSQL the worker's claim now waits for this transaction's row lock.
      sending = sendDelivery(context.handle.db, deliveryId, { limiter: limiter() });
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    await expect(sending).resolves.toBe("skipped");
    expect(countByReference(context.simulator).get(deliveryId)).toBeUndefined();
    const [row] = await context.handle.db.select().from(deliveries).where(eq(deliveries.id, deliveryId));
    expect([row!.status, row!.attempts]).toEqual(["cancelled", 0]);
  });
});
