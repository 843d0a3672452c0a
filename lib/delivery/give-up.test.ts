import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deliveries } from "@/db/schema";
import { pollDeliveryStatuses } from "./poll-statuses";
import { recordNotifyCallback } from "./record-callback";
import { sendDelivery } from "./send-delivery";
import {
  countByReference,
  createEmailDeliveries,
  deliveriesById,
  roomySendLimiter,
  setUpDeliveryTest,
  statusEventsOf,
} from "./test-support";

// No workers: each test plays the queue's tries itself, so it decides which try is the last.
const context = setUpDeliveryTest({ workers: false });
const limiter = () => roomySendLimiter(context.handle.db);
const one = async (id: string) => (await deliveriesById(context.handle.db, [id]))[0]!;

describe("a delivery whose every try fails", () => {
  it("stays sending while tries remain (a try may have reached Notify), then is marked failed on the last", async () => {
    const [delivery] = await createEmailDeliveries(context.handle.db, 1);
    context.simulator.setFailure({ status: 500, share: 1 });
    try {
      await expect(sendDelivery(context.handle.db, delivery!.id, { limiter: limiter() })).rejects.toThrow();
      const retrying = await one(delivery!.id);
      expect(retrying.status).toBe("sending");
      expect(retrying.error).toMatch(/^Attempt 1 failed, will retry: /);

      await expect(
        sendDelivery(context.handle.db, delivery!.id, { limiter: limiter(), finalAttempt: true }),
      ).resolves.toBe("failed");
      const failed = await one(delivery!.id);
      expect(failed.status).toBe("failed");
      expect(failed.error).toMatch(/^Gave up after 2 attempts: /);
      expect(failed.completedAt).not.toBeNull();
      expect(
        (await statusEventsOf(context.handle.db, delivery!.id)).map((event) => [event.status, event.source]),
      ).toEqual([
        ["sending", "worker"],
        ["failed", "worker"],
      ]);
    } finally {
      context.simulator.setFailure(null);
    }
    // Nothing sends it again once it has failed.
    await expect(sendDelivery(context.handle.db, delivery!.id, { limiter: limiter() })).resolves.toBe("skipped");
    expect(countByReference(context.simulator).get(delivery!.id)).toBeUndefined();
  });

  it("takes Notify's receipt for a failed delivery whose last try reached Notify after all", async () => {
    const [delivery] = await createEmailDeliveries(context.handle.db, 1);
    context.simulator.setFailure({ status: 500, share: 1 });
    try {
      await expect(
        sendDelivery(context.handle.db, delivery!.id, { limiter: limiter(), finalAttempt: true }),
      ).resolves.toBe("failed");
    } finally {
      context.simulator.setFailure(null);
    }
    const notifyId = "7b6a2c1e-4f7d-4b0e-9a51-3c2d1e0f9a88";
    await recordNotifyCallback(context.handle.db, {
      id: notifyId,
      reference: delivery!.id,
      to: "resident@example.com",
      status: "delivered",
      notification_type: "email",
    });
    const delivered = await one(delivery!.id);
    expect([delivered.status, delivered.notifyId]).toEqual(["delivered", notifyId]);
    // A receipt for a delivery that Notify already answered for changes nothing.
    await recordNotifyCallback(context.handle.db, {
      id: notifyId,
      reference: delivery!.id,
      to: "resident@example.com",
      status: "permanent-failure",
      notification_type: "email",
    });
    expect((await one(delivery!.id)).status).toBe("delivered");
  });
});

describe("the status poll", () => {
  it("gets past a message it cannot ask about, and still records the others", async () => {
    // No receipts: only the poll can learn that the message was delivered.
    context.simulator.setCallback(null);
    const [stuck, sent] = await createEmailDeliveries(context.handle.db, 2);
    await expect(sendDelivery(context.handle.db, sent!.id, { limiter: limiter() })).resolves.toBe("sent");
    // The older one names a service that is no longer configured, so asking about it fails.
    await context.handle.db
      .update(deliveries)
      .set({
        serviceKey: "retired",
        notifyId: "0b7b5d7e-1c1f-4b8e-9a55-2f4a3c6d8e90",
        createdAt: new Date(Date.now() - 60_000),
      })
      .where(eq(deliveries.id, stuck!.id));
    await new Promise((resolve) => setTimeout(resolve, 600));
    await expect(
      pollDeliveryStatuses(context.handle.db, { olderThanMinutes: 0, now: new Date(Date.now() + 1000) }),
    ).resolves.toBe(1);
    expect((await one(sent!.id)).status).toBe("delivered");
    expect((await one(stuck!.id)).statusCheckedAt).not.toBeNull();
    context.restoreCallback();
  });
});
