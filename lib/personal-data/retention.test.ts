import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deliveries, documents, notifications, type NewNotification } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { getRetentionStatus, redactExpiredPersonalData } from "./retention";

// Retention: personal details older than the period are redacted in bounded, repeatable runs; the
// skeleton stays; an item still needing action waits until it is resolved, then counts from then.

const database = setUpTestDatabase();
const day = 24 * 60 * 60 * 1000;
const now = new Date("2030-06-01T12:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * day);
const options = { retentionDays: 730, batchSize: 100, now };

async function letter(createdAt: Date, extra: Partial<NewNotification> = {}) {
  const { db } = database.handle;
  const [row] = await db
    .insert(notifications)
    .values({
      notificationType: "Letter",
      category: "visitDue",
      message: "Your boiler visit",
      firstName: "Rita",
      lastName: "Retained",
      address: { lines: ["Rita Retained", "1 Mare Street", "E8 1DY"] },
      personalisation: { recipient_name: "Ms Retained" },
      email: "rita.retained@resident.example",
      userAsGiven: "rita.retained@resident.example",
      createdAt,
      ...extra,
    })
    .returning();
  await db.insert(deliveries).values({
    notificationId: row!.id,
    channel: "letter",
    serviceKey: "housing",
    templateId: "letter-template",
    personalisation: { recipient_name: "Ms Retained" },
    createdAt,
  });
  const content = Buffer.from("%PDF-1.4 Rita Retained");
  await db.insert(documents).values({
    notificationId: row!.id,
    contentType: "application/pdf",
    filename: "letter-rita.pdf",
    content,
    byteSize: content.length,
    sha256: createHash("sha256").update(content).digest("hex"),
    createdAt,
  });
  return row!.id;
}

const stored = async (id: string) => {
  const { db } = database.handle;
  const [notification] = await db.select().from(notifications).where(eq(notifications.id, id));
  const [delivery] = await db.select().from(deliveries).where(eq(deliveries.notificationId, id));
  const [document] = await db.select().from(documents).where(eq(documents.notificationId, id));
  return { notification: notification!, delivery: delivery!, document: document! };
};

describe("redactExpiredPersonalData", () => {
  it("redacts an old notification, keeps a recent one and an unresolved one needing action, then the resolved one", async () => {
    const { db } = database.handle;
    const old = await letter(daysAgo(800));
    const recent = await letter(daysAgo(10));
    const unresolved = await letter(daysAgo(800), { requireAction: true });
    const resolvedLately = await letter(daysAgo(800), {
      requireAction: true,
      performedActionType: "Approved",
      performedActionDoneBy: "Fiona Finch",
      performedActionDate: daysAgo(100),
    });

    const first = await redactExpiredPersonalData(db, options);
    expect(first).toEqual({ notifications: 1, deliveries: 1, documents: 1 });

    const gone = await stored(old);
    expect(gone.notification).toMatchObject({
      email: null,
      userAsGiven: null,
      firstName: null,
      lastName: null,
      address: null,
      personalisation: null,
      message: "[redacted]",
      redactedAt: now,
      // The skeleton stays.
      notificationType: "Letter",
      category: "visitDue",
    });
    expect(gone.delivery).toMatchObject({ personalisation: null, redactedAt: now, channel: "letter" });
    expect(gone.document).toMatchObject({ byteSize: 0, filename: "redacted", redactedAt: now });
    expect(gone.document.content.length).toBe(0);

    for (const kept of [recent, unresolved, resolvedLately]) {
      const row = await stored(kept);
      expect(row.notification).toMatchObject({
        email: "rita.retained@resident.example",
        userAsGiven: "rita.retained@resident.example",
        redactedAt: null,
      });
      expect(row.document.byteSize).toBeGreaterThan(0);
    }
    // Resolved 100 days ago, it counts from then: redacted once the period has passed since resolution.
    const later = await redactExpiredPersonalData(db, { ...options, now: new Date(now.getTime() + 650 * day) });
    expect(later.notifications).toBe(1);
    expect((await stored(resolvedLately)).notification.firstName).toBeNull();
    expect((await stored(unresolved)).notification.firstName).toBe("Rita");
    expect((await stored(recent)).notification.firstName).toBe("Rita");

    // Nothing redone: a run with nothing due changes nothing and says so; the totals add up.
    expect(await redactExpiredPersonalData(db, options)).toEqual({ notifications: 0, deliveries: 0, documents: 0 });
    expect(await getRetentionStatus(db)).toMatchObject({
      lastRunAt: now,
      lastNotifications: 0,
      totalNotifications: 2,
      totalDeliveries: 2,
      totalDocuments: 2,
    });
  });

  it("redacts at most a batch per run, oldest first", async () => {
    const { db } = database.handle;
    const ids = [await letter(daysAgo(900)), await letter(daysAgo(901)), await letter(daysAgo(902))];
    const run = await redactExpiredPersonalData(db, { ...options, batchSize: 2 });
    expect(run.notifications).toBe(2);
    expect((await stored(ids[0]!)).notification.redactedAt).toBeNull();
    expect((await stored(ids[2]!)).notification.redactedAt).toEqual(now);
    expect((await redactExpiredPersonalData(db, { ...options, batchSize: 2 })).notifications).toBe(1);
  });
});
