import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deliveries, notifications, subscriptions } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { createSubscriptionBodySchema } from "./contract";
import { subscriber } from "./deliver-test-support";
import { dueNotice, sendExpiryNotices } from "./expiry-notices";
import { createSubscription, updateSubscriptionExpiry } from "./save-subscription";

const database = setUpTestDatabase();
const db = () => database.handle.db;
const day = 24 * 3600 * 1000;

describe("dueNotice", () => {
  const endsAt = new Date("2026-12-31T00:00:00Z");
  const before = (ms: number) => new Date(endsAt.getTime() - ms);
  it.each([
    ["15 days before: none", before(15 * day), [], null],
    ["14 days before: the 14-day one", before(14 * day), [], "14-days"],
    ["3 days before, already sent: none", before(3 * day), ["14-days"], null],
    ["a day before: the 1-day one", before(day), ["14-days"], "1-day"],
    ["a day before, never reminded: only the 1-day one", before(day - 1000), [], "1-day"],
    ["after the end: none", new Date(endsAt.getTime() + 1000), [], null],
  ] as const)("%s", (_, now, sent, expected) => {
    expect(dueNotice(endsAt, now, sent)).toBe(expected);
  });
});

describe("sendExpiryNotices", () => {
  it("emails each contact 14 days and 1 day before, each once, and again after an extension", async () => {
    const contacts = ["expiry-a@fibre.example", "expiry-b@fibre.example"];
    const caller = await subscriber(db());
    const madeAt = new Date("2026-06-01T09:00:00Z");
    const { id } = await createSubscription(
      db(),
      caller,
      createSubscriptionBodySchema.parse({
        eventType: "notification.created",
        contactEmails: contacts,
        expiresOn: "2026-06-30",
        notificationChannels: { email: { addresses: ["inbox@fibre.example"] } },
      }),
      { now: madeAt },
    );
    const subjects = async () =>
      (
        await db()
          .select({ subject: notifications.message })
          .from(deliveries)
          .innerJoin(notifications, eq(notifications.id, deliveries.notificationId))
          .where(inArray(notifications.email, contacts))
      ).map((row) => row.subject);

    // The end of 30 June in London is 2026-06-30T23:00Z.
    expect(await sendExpiryNotices(db(), { now: new Date("2026-06-10T09:00:00Z") })).toBe(0);
    expect(await sendExpiryNotices(db(), { now: new Date("2026-06-17T09:00:00Z") })).toBe(1);
    expect(await sendExpiryNotices(db(), { now: new Date("2026-06-18T09:00:00Z") })).toBe(0);
    expect(await subjects()).toEqual(Array(2).fill(expect.stringContaining("within 14 days, on 2026-06-30")));
    expect(await sendExpiryNotices(db(), { now: new Date("2026-06-30T09:00:00Z") })).toBe(1);
    expect(await sendExpiryNotices(db(), { now: new Date("2026-06-30T10:00:00Z") })).toBe(0);
    expect((await subjects()).filter((subject) => subject?.includes("within a day"))).toHaveLength(2);
    const [row] = await db().select().from(subscriptions).where(eq(subscriptions.id, id));
    expect(row!.expiryNoticesSent).toEqual(["14-days", "1-day"]);

    await updateSubscriptionExpiry(
      db(),
      caller,
      id,
      { expiresOn: "2026-07-10" },
      { now: new Date("2026-06-30T11:00:00Z") },
    );
    expect(await sendExpiryNotices(db(), { now: new Date("2026-06-30T12:00:00Z") })).toBe(1);
    expect(await subjects()).toHaveLength(6);
  });
});
