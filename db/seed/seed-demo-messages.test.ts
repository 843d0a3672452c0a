import { and, eq, isNotNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deliveries, notifications } from "@/db/schema";
import { findPersonCaller, listDemoUsers } from "@/lib/auth/people";
import { setUpDeliveryTest, waitFor } from "@/lib/delivery/test-support";
import { listStalledRecords } from "@/lib/rules/engine/list-stalled";
import { demoStalledProcessId } from "./demo-messages";
import { seedDemoData } from "./seed-demo-data";

// The demo's messages with the real simulator and workers: they really go, and their statuses move.
const context = setUpDeliveryTest();

describe("seedDemoData with demo messages", () => {
  it("sends emails, texts and a letter through the simulator, one text failing there", async () => {
    const { db } = context.handle;
    expect(
      await seedDemoData(db, { demoApiKey: "nck_demo-messages-key-000000000000", demoMessages: true }),
    ).toMatchObject({ seeded: true });
    const statuses = () =>
      db
        .select({ channel: deliveries.channel, status: deliveries.status, mobile: notifications.mobileNumber })
        .from(deliveries)
        .innerJoin(notifications, eq(notifications.id, deliveries.notificationId));
    const settled = await waitFor(statuses, (rows) =>
      rows.every((row) =>
        ["delivered", "temporary-failure", "pending-virus-check", "accepted", "received"].includes(row.status),
      ),
    );
    expect(settled.map((row) => [row.channel, row.status]).sort()).toEqual(
      [
        ["email", "delivered"],
        ["email", "delivered"],
        ["letter", expect.stringMatching(/^(pending-virus-check|accepted|received)$/)],
        ["sms", "delivered"],
        ["sms", "temporary-failure"],
      ].sort(),
    );
    expect(settled.find((row) => row.status === "temporary-failure")!.mobile).toMatch(/7700 ?900003$/);
  });

  it("leaves an escalated item and a stalled process for the first pages", async () => {
    const { db } = context.handle;
    const escalated = await db
      .select({ category: notifications.category, escalatedTo: notifications.escalatedTo })
      .from(notifications)
      .where(and(isNotNull(notifications.escalatedAt), eq(notifications.category, "highCostAuthorisation")));
    expect(escalated).toHaveLength(1);
    const admin = (await listDemoUsers(db)).find((user) => user.roles.includes("admin"))!;
    const stalled = await listStalledRecords(db, (await findPersonCaller(db, admin.id))!, { pageSize: 20 });
    expect(stalled.results.map((record) => record.targetId)).toContain(demoStalledProcessId);
    const notices = await db
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.category, "processThreshold"), eq(notifications.targetId, demoStalledProcessId)));
    expect(notices).toHaveLength(1);
  });

  it("seeds nothing twice on a second start", async () => {
    const { db } = context.handle;
    const before = await db.select({ id: deliveries.id }).from(deliveries);
    await expect(seedDemoData(db, { demoMessages: true })).resolves.toEqual({ seeded: false });
    expect(await db.select({ id: deliveries.id }).from(deliveries)).toHaveLength(before.length);
  });
});
