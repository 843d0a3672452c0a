import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { deliveries, notifications, teams, type NewDelivery } from "@/db/schema";

const hour = 60 * 60 * 1000;
const day = 24 * hour;

/** A team no seed creates, so its counts are exactly the fixtures'. */
export const fixtureTeam = { key: "operations-fixture-team", name: "Operations Fixture Team" };

/**
 * Known deliveries, open items, escalations and Notify sends, relative to `now`: what the operations
 * tests expect to see counted. Returns the notification the deliveries hang from.
 */
export async function insertOperationsFixtures(db: Database, { now, serviceKey }: { now: Date; serviceKey: string }) {
  await db.insert(teams).values(fixtureTeam).onConflictDoNothing();
  const ago = (milliseconds: number) => new Date(now.getTime() - milliseconds);
  const [notification] = await db
    .insert(notifications)
    .values({ notificationType: "Email", serviceKey, templateId: "template", email: "someone@example.com" })
    .returning({ id: notifications.id });
  const delivery = (channel: NewDelivery["channel"], status: string, createdAt: Date, error?: string): NewDelivery => ({
    notificationId: notification!.id,
    channel,
    status,
    serviceKey,
    templateId: "template",
    error,
    createdAt,
  });
  await db.insert(deliveries).values([
    delivery("email", "delivered", ago(1 * hour)),
    delivery("email", "delivered", ago(2 * hour)),
    delivery("email", "permanent-failure", ago(1 * hour)),
    delivery("sms", "temporary-failure", ago(3 * hour)),
    delivery("sms", "rejected", ago(2 * day), "phone_number Not a UK mobile number"),
    delivery("sms", "rejected", ago(3 * day), "phone_number Not a UK mobile number"),
    delivery("letter", "pending-virus-check", ago(1 * hour)),
    delivery("letter", "cancelled", ago(4 * day)),
    // Outside every window: never counted.
    delivery("email", "permanent-failure", ago(30 * day)),
  ]);
  const item = (values: Partial<typeof notifications.$inferInsert>) => ({
    notificationType: "Screen" as const,
    message: "Please act",
    recipientKind: "team" as const,
    recipientTeam: fixtureTeam.key,
    requireAction: true,
    ...values,
  });
  await db.insert(notifications).values([
    item({ createdAt: ago(5 * hour) }),
    item({ createdAt: ago(2 * hour) }),
    // Acted on, deleted, or not needing action: not open.
    item({ createdAt: ago(9 * day), performedActionType: "Approved" }),
    item({ createdAt: ago(9 * day), deletedAt: ago(1 * day) }),
    item({ createdAt: ago(9 * day), requireAction: false }),
    // Steps the rules took: two escalations and a reminder this week, one escalation before it.
    item({
      createdAt: ago(20 * day),
      escalatedAt: ago(2 * day),
      escalatedTo: "Fixture managers",
      performedActionType: "Approved",
    }),
    item({
      createdAt: ago(20 * day),
      escalatedAt: ago(1 * day),
      escalatedTo: "Fixture managers",
      performedActionType: "Approved",
    }),
    item({ createdAt: ago(20 * day), remindedAt: ago(1 * day), performedActionType: "Approved" }),
    item({
      createdAt: ago(30 * day),
      escalatedAt: ago(10 * day),
      escalatedTo: "Fixture managers",
      performedActionType: "Approved",
    }),
  ]);
  // The dispatcher's count of Notify requests: 7 in the current second, 5 half a minute ago, 9 two minutes ago.
  await db.execute(sql`
    insert into notify_rate_windows (service_key, window_start, used) values
      (${serviceKey}, date_trunc('second', clock_timestamp()), 7),
      (${serviceKey}, date_trunc('second', clock_timestamp()) - interval '30 seconds', 5),
      (${serviceKey}, date_trunc('second', clock_timestamp()) - interval '120 seconds', 9)
    on conflict (service_key, window_start) do update set used = excluded.used`);
  return { notificationId: notification!.id };
}
