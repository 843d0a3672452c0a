import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activities, digestItems, digests, notificationPreferences, notifications, users } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { createApiClient } from "@/lib/auth/api-clients";
import { insertInboxItems } from "@/lib/notifications/testing/insert-inbox-items";
import { getDeliveryQueue, setDeliveryQueueTarget, stopDeliveryQueue } from "@/lib/delivery/queue";
import { connectionStringFor, waitFor } from "@/lib/delivery/test-support";
import { dailyDigests, housekeeping, ruleSweeps, schedules } from "./schedules";
import { startScheduledJobs } from "./start-scheduled-jobs";
import { runSteps } from "./steps";

const database = setUpTestDatabase();

beforeAll(async () => {
  await setDeliveryQueueTarget({ handle: database.handle, connectionString: connectionStringFor(database.handle) });
  await startScheduledJobs();
});
afterAll(async () => {
  await stopDeliveryQueue({ timeoutMs: 3000 });
  await setDeliveryQueueTarget(undefined);
});

describe("runSteps", () => {
  it("runs every step even when one fails, and says which failed", async () => {
    const ran: string[] = [];
    const step = (name: string, fails = false) => ({
      name,
      run: async () => {
        ran.push(name);
        if (fails) throw new Error(`${name} is down`);
      },
    });
    const failed = await runSteps(database.handle.db, [step("first"), step("notify poll", true), step("purge")]);
    expect(ran).toEqual(["first", "notify poll", "purge"]);
    expect(failed).toEqual(["notify poll"]);
  });
});

describe("startScheduledJobs", () => {
  it("registers every schedule with pg-boss: housekeeping once a minute, digests at 08:00 London time", async () => {
    const boss = await getDeliveryQueue();
    const registered = await boss.getSchedules();
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(registered.map(({ name, cron, timezone }) => ({ name, cron, timezone })).sort(byName)).toEqual(
      schedules.map(({ queue, cron, timeZone }) => ({ name: queue, cron, timezone: timeZone ?? "UTC" })).sort(byName),
    );
    expect(dailyDigests).toMatchObject({ cron: "0 8 * * *", timeZone: "Europe/London", missed: "once" });
    expect(schedules).toContain(dailyDigests);
    expect(ruleSweeps).toMatchObject({ queue: "rule-sweeps", cron: "* * * * *" });
    expect(ruleSweeps.steps.map((step) => step.name)).toContain("send visit reminders");
    expect(schedules).toContain(ruleSweeps);
    expect(housekeeping).toMatchObject({ queue: "delivery-poll", cron: "* * * * *" });
    expect(housekeeping.steps.map((step) => step.name)).toEqual([
      "sweep unqueued deliveries",
      "sweep pending subscription messages",
      "send subscription expiry notices",
      "poll delivery statuses",
      "purge rate windows",
      "purge request limit windows",
      "purge expired activities",
      "purge notification events",
      "redact expired personal data",
      "keep planner statistics fresh",
    ]);
  });

  it("runs the housekeeping steps when its job comes: an expired activity is purged", async () => {
    const { db } = database.handle;
    const [expired] = await db
      .insert(activities)
      .values({
        type: "update",
        targetType: "tenure",
        targetId: randomUUID(),
        authorDetails: { fullName: "Sam Patel", email: "sam.patel@example.gov.uk" },
        timetoLiveForRecord: 1,
        createdAt: new Date(Date.now() - 2 * 86_400_000),
        expiresAt: new Date(Date.now() - 86_400_000),
      })
      .returning({ id: activities.id });
    // What the cron pass does once a minute, without waiting for the minute.
    await (await getDeliveryQueue()).send(housekeeping.queue, {});
    await waitFor(
      () => db.select().from(activities).where(eq(activities.id, expired!.id)),
      (rows) => rows.length === 0,
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  }, 40_000);

  it("brings the planner's statistics up to date when the housekeeping job comes (no autovacuum here)", async () => {
    const { db } = database.handle;
    const { client } = await createApiClient(db, { name: "statistics-source", scopes: ["notifications:write"] });
    await insertInboxItems(db, { clientId: client.id, count: 5_000 });
    const estimatedRows = async () =>
      rowsOf<{ rows: number }>(
        await db.execute(sql`select reltuples::int as rows from pg_class where relname = 'notifications'`),
      )[0]!.rows;
    expect(await estimatedRows()).toBeLessThan(5_000);
    await (await getDeliveryQueue()).send(housekeeping.queue, {});
    await waitFor(estimatedRows, (rows) => rows >= 5_000, { timeoutMs: 30_000, intervalMs: 200 });
  }, 40_000);

  it("sends the daily digests when that job comes: a person with a waiting item gets one", async () => {
    const { db } = database.handle;
    const [person] = await db
      .insert(users)
      .values({ name: "Dina Shah", email: "dina.shah@council.example", roles: ["finance-officer"] })
      .returning({ id: users.id });
    await db
      .insert(notificationPreferences)
      .values({ userId: person!.id, category: "newProperty", emailMode: "daily" });
    const [item] = await db
      .insert(notifications)
      .values({ notificationType: "Screen", category: "newProperty", message: "New property on Mare Street" })
      .returning();
    await db
      .insert(digestItems)
      .values({ userId: person!.id, notificationId: item!.id, category: "newProperty", dueAt: item!.createdAt });
    // What pg-boss does at 08:00 London time, without waiting for it.
    await (await getDeliveryQueue()).send(dailyDigests.queue, {});
    await waitFor(
      () => db.select().from(digests).where(eq(digests.userId, person!.id)),
      (rows) => rows.length === 1,
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  }, 40_000);
});
