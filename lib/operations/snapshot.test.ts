import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { deliverySendQueue, getDeliveryQueue, setDeliveryQueueTarget, stopDeliveryQueue } from "@/lib/delivery/queue";
import { connectionStringFor } from "@/lib/delivery/test-support";
import { lastDays } from "./days";
import { getOperationsSnapshot } from "./snapshot";
import { fixtureTeam, insertOperationsFixtures } from "./testing/operations-fixtures";

const database = setUpTestDatabase();
const serviceKey = "housing";

beforeAll(async () => {
  await insertOperationsFixtures(database.handle.db, { now: new Date(), serviceKey });
  await setDeliveryQueueTarget({ handle: database.handle, connectionString: connectionStringFor(database.handle) });
  const boss = await getDeliveryQueue();
  await boss.send(deliverySendQueue, { deliveryId: "waiting" });
  await boss.send(deliverySendQueue, { deliveryId: "later" }, { startAfter: new Date(Date.now() + 3_600_000) });
});
afterAll(async () => {
  await stopDeliveryQueue({ timeoutMs: 3000 });
  await setDeliveryQueueTarget(undefined);
});

describe("getOperationsSnapshot", () => {
  it("counts the window's deliveries by day, channel and outcome, leaving out older ones", async () => {
    const now = new Date();
    const snapshot = await getOperationsSnapshot(database.handle.db, {
      now,
      services: [serviceKey],
      limitPerMinute: 3000,
    });
    expect(snapshot.days.map((row) => row.day)).toEqual(lastDays(now, 14));
    const sum = (pick: (row: (typeof snapshot.days)[number]) => number) =>
      snapshot.days.reduce((total, row) => total + pick(row), 0);
    expect(sum((row) => row.byChannel.email)).toBe(3);
    expect(sum((row) => row.byChannel.sms)).toBe(3);
    expect(sum((row) => row.byChannel.letter)).toBe(2);
    expect(snapshot.window.byOutcome).toEqual({ delivered: 2, inProgress: 1, failed: 4, cancelled: 1 });
    // Failed of those that finished: 4 of 6.
    expect(snapshot.window.failureRate).toBeCloseTo(4 / 6);
    expect(snapshot.lastDay.byOutcome).toEqual({ delivered: 2, inProgress: 1, failed: 2, cancelled: 0 });
  });

  it("names the commonest failure reasons, our own error before Notify's meaning of a status", async () => {
    const snapshot = await getOperationsSnapshot(database.handle.db, { services: [serviceKey], limitPerMinute: 3000 });
    expect(snapshot.failureReasons).toEqual([
      { reason: "phone_number Not a UK mobile number", channel: "sms", status: "rejected", count: 2 },
      expect.objectContaining({ reason: "The email address does not exist", channel: "email", count: 1 }),
      expect.objectContaining({ channel: "sms", status: "temporary-failure", count: 1 }),
    ]);
  });

  it("reports Notify headroom from the dispatcher's windows of the last minute", async () => {
    const snapshot = await getOperationsSnapshot(database.handle.db, {
      services: [serviceKey, "other"],
      limitPerMinute: 600,
    });
    const [housing, other] = snapshot.headroom;
    expect(housing).toMatchObject({
      serviceKey,
      limitPerMinute: 600,
      usedLastMinute: 12,
      busiestSecond: 7,
      perSecondQuota: 9,
    });
    expect(housing!.usedThisSecond).toBeLessThanOrEqual(7);
    expect(other).toMatchObject({ serviceKey: "other", usedLastMinute: 0, busiestSecond: 0 });
  });

  it("reports each queue's ready and deferred jobs and how long the oldest ready one has waited", async () => {
    const snapshot = await getOperationsSnapshot(database.handle.db, { services: [serviceKey], limitPerMinute: 3000 });
    const send = snapshot.queues.find((queue) => queue.queue === deliverySendQueue);
    expect(send).toMatchObject({ ready: 1, deferred: 1, active: 0 });
    expect(send!.oldestReadySeconds).toBeGreaterThanOrEqual(0);
    expect(send!.oldestReadySeconds).toBeLessThan(600);
  });

  it("counts open action items by team with the oldest's age, and the rules' steps of the last week", async () => {
    const snapshot = await getOperationsSnapshot(database.handle.db, { services: [serviceKey], limitPerMinute: 3000 });
    const team = snapshot.actionItems.find((items) => items.owner === fixtureTeam.key);
    expect(team).toMatchObject({ label: fixtureTeam.name, count: 2 });
    expect(team!.oldestSeconds).toBeGreaterThanOrEqual(5 * 3600 - 5);
    expect(team!.oldestSeconds).toBeLessThan(5 * 3600 + 600);
    expect(snapshot.ruleSteps).toEqual({
      escalated: 2,
      reminded: 1,
      escalatedTo: [{ to: "Fixture managers", count: 2 }],
    });
  });
});
