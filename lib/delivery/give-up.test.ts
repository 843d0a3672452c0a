import { describe, expect, it } from "vitest";
import { createSendRateLimiter } from "./rate-limiter";
import { recordNotifyCallback } from "./record-callback";
import { sendDelivery } from "./send-delivery";
import { countByReference, createEmailDeliveries, deliveriesById, setUpDeliveryTest, statusEventsOf } from "./test-support";

// No workers: each test plays the queue's tries itself, so it decides which try is the last.
const context = setUpDeliveryTest({ workers: false });
const limiter = () => createSendRateLimiter(context.handle.db, { limitFor: () => ({ requests: 3000, perSeconds: 60 }) });
const one = async (id: string) => (await deliveriesById(context.handle.db, [id]))[0]!;

describe("a delivery whose every try fails", () => {
  it("stays pending while tries remain, then is marked failed with the reason on the last", async () => {
    const [delivery] = await createEmailDeliveries(context.handle.db, 1);
    context.simulator.setFailure({ status: 500, share: 1 });
    try {
      await expect(sendDelivery(context.handle.db, delivery!.id, { limiter: limiter() })).rejects.toThrow();
      const retrying = await one(delivery!.id);
      expect(retrying.status).toBe("pending");
      expect(retrying.error).toMatch(/^Attempt 1 failed, will retry: /);

      await expect(sendDelivery(context.handle.db, delivery!.id, { limiter: limiter(), finalAttempt: true })).resolves.toBe("failed");
      const failed = await one(delivery!.id);
      expect(failed.status).toBe("failed");
      expect(failed.error).toMatch(/^Gave up after 2 attempts: /);
      expect(failed.completedAt).not.toBeNull();
      expect((await statusEventsOf(context.handle.db, delivery!.id)).map((event) => [event.status, event.source])).toEqual([["failed", "worker"]]);
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
      await expect(sendDelivery(context.handle.db, delivery!.id, { limiter: limiter(), finalAttempt: true })).resolves.toBe("failed");
    } finally {
      context.simulator.setFailure(null);
    }
    const notifyId = "7b6a2c1e-4f7d-4b0e-9a51-3c2d1e0f9a88";
    await recordNotifyCallback(context.handle.db, { id: notifyId, reference: delivery!.id, to: "resident@example.com", status: "delivered", notification_type: "email" });
    const delivered = await one(delivery!.id);
    expect([delivered.status, delivered.notifyId]).toEqual(["delivered", notifyId]);
    // A receipt for a delivery that Notify already answered for changes nothing.
    await recordNotifyCallback(context.handle.db, { id: notifyId, reference: delivery!.id, to: "resident@example.com", status: "permanent-failure", notification_type: "email" });
    expect((await one(delivery!.id)).status).toBe("delivered");
  });
});
