import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { deliveries, notifications } from "@/db/schema";
import { pollDeliveryStatuses } from "./poll-statuses";
import { deliveriesById, emailTemplateId, setUpDeliveryTest } from "./test-support";

const context = setUpDeliveryTest({ workers: false });

/** A letter and an email Notify holds (ids it does not know, so each ask changes nothing but the time asked). */
async function sentAt(base: Date) {
  const db = context.handle.db;
  const [notification] = await db
    .insert(notifications)
    .values({ notificationType: "Letter", serviceKey: "housing", requireLetter: true })
    .returning({ id: notifications.id });
  const sent = {
    notificationId: notification!.id,
    serviceKey: "housing",
    templateId: emailTemplateId,
    createdAt: base,
    lastAttemptAt: base,
  };
  const [letter, email] = await db
    .insert(deliveries)
    .values([
      { ...sent, channel: "letter" as const, status: "accepted", notifyId: randomUUID() },
      { ...sent, channel: "email" as const, status: "sending", notifyId: randomUUID() },
    ])
    .returning({ id: deliveries.id });
  return { letter: letter!.id, email: email!.id };
}

describe("pollDeliveryStatuses", () => {
  it("asks about a new letter after a minute, then backs off (1, 2, 4, 8 … minutes), never past the 10 other messages wait", async () => {
    const base = new Date(Date.now() - 60 * 60_000);
    const ids = await sentAt(base);
    const askedAt = async (minutes: number) => {
      const now = new Date(base.getTime() + minutes * 60_000);
      await pollDeliveryStatuses(context.handle.db, { olderThanMinutes: 10, now });
      const rows = await deliveriesById(context.handle.db, [ids.letter, ids.email]);
      return Object.entries(ids)
        .filter(([, id]) => rows.find((row) => row.id === id)?.statusCheckedAt?.getTime() === now.getTime())
        .map(([channel]) => channel);
    };
    // [minutes after sending, which are asked about]: a letter waits as long again as it had waited
    // at its last ask (1.1 → 2.2 → 4.4 → 8.8 …), capped at 10 minutes; the email waits 10 throughout.
    const cadence: [number, string[]][] = [
      [0.5, []],
      [1.1, ["letter"]],
      [2.1, []],
      [2.3, ["letter"]],
      [4.5, []],
      [4.7, ["letter"]],
      [9.3, []],
      [9.5, ["letter"]],
      [10.5, ["email"]],
      [18.9, []],
      [19.1, ["letter"]],
      [29.2, ["letter", "email"]],
    ];
    const seen: [number, string[]][] = [];
    for (const [minutes] of cadence) seen.push([minutes, await askedAt(minutes)]);
    expect(seen).toEqual(cadence);
  });
});
