import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf, type Database } from "@/db/client";
import {
  apiClients,
  deliveries,
  notificationEvents,
  notifications,
  subscriptionMessages,
  subscriptions,
  type Scope,
  type SubscriptionFilters,
} from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { createActivities } from "@/lib/activity/create-activities";
import { recordActivities } from "@/lib/activity/record-activity";
import { importPeople } from "@/lib/directory/import/import-people";
import { createApiClient } from "@/lib/auth/api-clients";
import type { ClientCaller } from "@/lib/auth/caller";
import { cancelDeliveries } from "@/lib/delivery/cancel-deliveries";
import { getDeliveryQueue, setDeliveryQueueTarget, stopDeliveryQueue } from "@/lib/delivery/queue";
import { recordDeliveryStatus } from "@/lib/delivery/record-status";
import { connectionStringFor } from "@/lib/delivery/test-support";
import { createNotificationBodySchema } from "@/lib/notifications/contract/create-notification-body";
import { recordNotificationAction } from "@/lib/notifications/record-action";
import { createNotificationsInTransaction } from "@/lib/notifications/submit-notifications";
import { visitDueEmail } from "@/lib/notifications/testing/bodies";
import { recordSteps } from "@/lib/rules/engine/record-steps";
import { eventTypes, type EventType } from "./event-types";
import { publishEvents } from "./publish";
import { subscriptionDeliveryQueue } from "./queue";
import { visitRemindedEvent } from "./visit-events";

// The publisher through its producers, on a real database with the delivery queue started (no
// workers): what each producer's commit leaves for subscribers, and what it must not.

const database = setUpTestDatabase();
const db = () => database.handle.db;

beforeAll(async () => {
  await setDeliveryQueueTarget({ handle: database.handle, connectionString: connectionStringFor(database.handle) });
  await getDeliveryQueue();
});
afterAll(async () => {
  await stopDeliveryQueue({ timeoutMs: 2000 });
  await setDeliveryQueueTarget(undefined);
});

async function client(scopes: Scope[]): Promise<ClientCaller> {
  const { client: created } = await createApiClient(db(), {
    name: `service-${randomUUID().slice(0, 8)}`,
    scopes: [...scopes, "subscriptions:manage"],
  });
  return { kind: "client", id: created.id, name: created.name, scopes: created.scopes };
}

type SubscribeOptions = {
  filters?: SubscriptionFilters;
  channels?: ("webhook" | "email")[];
  expiresOn?: string;
  disabled?: boolean;
  deleted?: boolean;
};

async function subscribe(caller: ClientCaller, eventType: EventType, options: SubscribeOptions = {}): Promise<string> {
  const channels = options.channels ?? ["webhook"];
  const [row] = await db()
    .insert(subscriptions)
    .values({
      clientId: caller.id,
      eventType,
      filters: options.filters ?? {},
      contactEmails: ["ops@service.example"],
      expiresOn: options.expiresOn ?? "2099-12-31",
      webhookUrl: channels.includes("webhook") ? "https://hooks.service.example/in" : null,
      emailAddresses: channels.includes("email") ? ["feed@service.example"] : null,
      disabledAt: options.disabled ? new Date() : null,
      deletedAt: options.deleted ? new Date() : null,
    })
    .returning({ id: subscriptions.id });
  return row!.id;
}

const messagesOf = (subscriptionId: string) =>
  db().select().from(subscriptionMessages).where(eq(subscriptionMessages.subscriptionId, subscriptionId));

async function jobsFor(messageIds: string[]): Promise<number> {
  if (messageIds.length === 0) return 0;
  const rows = rowsOf<{ count: number | string }>(
    await db().execute(sql`
      select count(*) as count from pgboss.job
      where name = ${subscriptionDeliveryQueue} and id = any(${`{${messageIds.join(",")}}`}::uuid[])`),
  );
  return Number(rows[0]!.count);
}

/** An email about a tenure, created by `caller` through the pipeline every create takes. */
async function createEmail(caller: ClientCaller, overrides: Record<string, unknown> = {}, tx?: Database) {
  const body = createNotificationBodySchema.parse({
    ...visitDueEmail,
    targetType: "tenure",
    targetId: randomUUID(),
    ...overrides,
  });
  const run = (t: Database) => createNotificationsInTransaction(t, caller, [body]);
  const { created } = tx ? await run(tx) : await db().transaction(run);
  return created[0]!.notification;
}

describe("notification.created", () => {
  it("reaches the creating client's subscription on each of its channels, checked against the catalogue", async () => {
    const service = await client(["notifications:write"]);
    const both = await subscribe(service, "notification.created", { channels: ["webhook", "email"] });
    const notification = await createEmail(service);
    const messages = await messagesOf(both);
    expect(messages.map((message) => message.channel).sort()).toEqual(["email", "webhook"]);
    for (const message of messages) {
      expect(message.eventId).toBe(notification.id);
      expect(message.status).toBe("pending");
      expect(message.targetType).toBe("tenure");
      expect(message.serviceKey).toBe("housing");
      const payload = message.payload as { type: string; timestamp: string; data: unknown };
      expect(payload.type).toBe("notification.created");
      expect(eventTypes["notification.created"].data.parse(payload.data)).toEqual({
        notificationId: notification.id,
        notificationType: "Email",
        category: null,
        targetType: "tenure",
        targetId: notification.targetId,
        serviceKey: "housing",
        requireAction: false,
        createdAt: notification.createdDate,
      });
    }
    expect(await jobsFor(messages.map((message) => message.id))).toBe(2);
  });

  it("is not heard by a subscription whose filter does not match", async () => {
    const service = await client(["notifications:write"]);
    const tenures = await subscribe(service, "notification.created", { filters: { targetType: "tenure" } });
    const assets = await subscribe(service, "notification.created", { filters: { targetType: "asset" } });
    await createEmail(service);
    expect(await messagesOf(tenures)).toHaveLength(1);
    expect(await messagesOf(assets)).toHaveLength(0);
  });

  it("client B hears nothing of client A's notifications, while A hears its own", async () => {
    const serviceA = await client(["notifications:write", "notifications:read", "activity:read"]);
    const serviceB = await client(["notifications:write", "notifications:read", "activity:read"]);
    const heardByA = await subscribe(serviceA, "notification.created");
    const heardByB = await subscribe(serviceB, "notification.created");
    const deliveriesB = await subscribe(serviceB, "delivery.updated");
    const actionsB = await subscribe(serviceB, "notification.actioned");
    const notification = await createEmail(serviceA);
    await db().transaction((tx) => recordNotificationAction(tx, serviceA, notification.id, { actionType: "Validate" }));
    const [delivery] = await db().select().from(deliveries).where(eq(deliveries.notificationId, notification.id));
    await recordDeliveryStatus(db(), delivery!.id, { status: "delivered", source: "callback", notifyId: "n-1" });
    expect((await messagesOf(heardByA)).map((message) => message.eventId)).toEqual([notification.id]);
    expect(await messagesOf(heardByB)).toHaveLength(0);
    expect(await messagesOf(deliveriesB)).toHaveLength(0);
    expect(await messagesOf(actionsB)).toHaveLength(0);
  });

  it("leaves no message and no job when the creating transaction rolls back", async () => {
    const service = await client(["notifications:write"]);
    const subscription = await subscribe(service, "notification.created");
    const before = rowsOf<{ count: number | string }>(
      await db().execute(sql`select count(*) as count from pgboss.job where name = ${subscriptionDeliveryQueue}`),
    );
    await expect(
      db().transaction(async (tx) => {
        await createEmail(service, {}, tx);
        expect(
          await tx.select().from(subscriptionMessages).where(eq(subscriptionMessages.subscriptionId, subscription)),
        ).toHaveLength(1);
        throw new Error("the producer failed after publishing");
      }),
    ).rejects.toThrow("the producer failed");
    expect(await messagesOf(subscription)).toHaveLength(0);
    const after = rowsOf<{ count: number | string }>(
      await db().execute(sql`select count(*) as count from pgboss.job where name = ${subscriptionDeliveryQueue}`),
    );
    expect(Number(after[0]!.count)).toBe(Number(before[0]!.count));
  });
});

describe("live subscriptions only", () => {
  it("a revoked client, and a disabled, deleted or expired subscription, hear nothing", async () => {
    const service = await client(["notifications:write"]);
    const revoked = await client(["notifications:write"]);
    const live = await subscribe(service, "notification.created");
    const disabled = await subscribe(service, "notification.created", { disabled: true });
    const deleted = await subscribe(service, "notification.created", { deleted: true });
    const expired = await subscribe(service, "notification.created", { expiresOn: "2020-01-01" });
    const ofRevoked = await subscribe(revoked, "notification.created");
    await db().update(apiClients).set({ revokedAt: new Date() }).where(eq(apiClients.id, revoked.id));
    await createEmail(service);
    await createEmail(revoked);
    expect(await messagesOf(live)).toHaveLength(1);
    for (const silent of [disabled, deleted, expired, ofRevoked]) expect(await messagesOf(silent)).toHaveLength(0);
  });

  it("a client whose subscriptions:manage scope was taken away hears nothing until it is given back", async () => {
    const service = await client(["notifications:write"]);
    const live = await subscribe(service, "notification.created");
    const withoutManage = service.scopes.filter((scope) => scope !== "subscriptions:manage");
    await db().update(apiClients).set({ scopes: withoutManage }).where(eq(apiClients.id, service.id));
    await createEmail(service);
    expect(await messagesOf(live)).toHaveLength(0);
    await db().update(apiClients).set({ scopes: service.scopes }).where(eq(apiClients.id, service.id));
    await createEmail(service);
    expect(await messagesOf(live)).toHaveLength(1);
  });

  it("a subscription runs to the end of its expiresOn in London, not a moment longer", async () => {
    const service = await client(["visits:manage"]);
    const subscription = await subscribe(service, "visit.reminded", { expiresOn: "2026-07-01" });
    const visit = { id: randomUUID(), propertyId: randomUUID(), officerUserId: randomUUID(), kind: "gas safety check" };
    const remind = (at: string) =>
      db().transaction((tx) =>
        publishEvents(
          tx,
          [
            visitRemindedEvent(
              { ...visit, startsAt: new Date(at) },
              { notificationId: randomUUID(), at: new Date(at) },
            ),
          ],
          new Date(at),
        ),
      );
    // 23:59 on 1 July in London is 22:59 UTC (summer time); midnight is the end.
    expect(await remind("2026-07-01T22:59:00Z")).toHaveLength(1);
    expect(await remind("2026-07-01T23:00:00Z")).toHaveLength(0);
    expect(await messagesOf(subscription)).toHaveLength(1);
  });
});

describe("publishing twice", () => {
  it("adds nothing for an event already published to a subscription and channel", async () => {
    const service = await client(["visits:manage"]);
    const subscription = await subscribe(service, "visit.reminded", { channels: ["webhook", "email"] });
    const event = visitRemindedEvent(
      {
        id: randomUUID(),
        propertyId: randomUUID(),
        officerUserId: randomUUID(),
        kind: "repair",
        startsAt: new Date("2026-12-09T10:00:00Z"),
      },
      { notificationId: randomUUID(), at: new Date() },
    );
    const first = await db().transaction((tx) => publishEvents(tx, [event]));
    const second = await db().transaction((tx) => publishEvents(tx, [event, event]));
    expect(first).toHaveLength(2);
    expect(second).toEqual([]);
    expect(await messagesOf(subscription)).toHaveLength(2);
    expect(await jobsFor(first)).toBe(2);
  });
});

describe("notification.actioned and notification.escalated", () => {
  it("an action reaches the creator with the actor's name and note; a filter on another action does not", async () => {
    const service = await client(["notifications:write"]);
    const approvals = await subscribe(service, "notification.actioned", { filters: { status: "Approved" } });
    const rejections = await subscribe(service, "notification.actioned", { filters: { status: "Rejected" } });
    const notification = await createEmail(service);
    await db().transaction((tx) =>
      recordNotificationAction(tx, service, notification.id, { actionType: "Approved", actionNote: "Paid in full" }),
    );
    const [message] = await messagesOf(approvals);
    expect(message?.sourceStatus).toBe("Approved");
    expect((message?.payload as { data: unknown }).data).toMatchObject({
      notificationId: notification.id,
      actionType: "Approved",
      actionNote: "Paid in full",
      performedBy: service.name,
    });
    expect(await messagesOf(rejections)).toHaveLength(0);
  });

  it("an escalation step reaches the creator, with whom it went to and after how long", async () => {
    const service = await client(["notifications:write"]);
    const escalations = await subscribe(service, "notification.escalated");
    const otherService = await subscribe(await client(["notifications:write"]), "notification.escalated");
    const created = await createEmail(service);
    const [item] = await db().select().from(notifications).where(eq(notifications.id, created.id));
    const now = new Date();
    await db().transaction((tx) =>
      recordSteps(tx, { caller: service, now }, [
        {
          item: item!,
          actionType: "Escalated",
          note: "Escalated to Finance managers: not acted on for 2 working days",
          newData: {},
          escalation: { escalatedTo: "Finance managers", notActedOnFor: "2 working days" },
        },
      ]),
    );
    const [message] = await messagesOf(escalations);
    expect(eventTypes["notification.escalated"].data.parse((message?.payload as { data: unknown }).data)).toMatchObject(
      {
        notificationId: created.id,
        escalatedAt: now.toISOString(),
        escalatedTo: "Finance managers",
        notActedOnFor: "2 working days",
      },
    );
    expect(await messagesOf(otherService)).toHaveLength(0);
  });
});

describe("delivery.updated", () => {
  it("every status change reaches the creator with Notify's status and reason, and live inboxes refetch", async () => {
    const service = await client(["notifications:write"]);
    const all = await subscribe(service, "delivery.updated");
    const failures = await subscribe(service, "delivery.updated", { filters: { status: "permanent-failure" } });
    const notification = await createEmail(service);
    const [delivery] = await db().select().from(deliveries).where(eq(deliveries.notificationId, notification.id));
    const liveBefore = await liveEventsOf(notification.id);
    await recordDeliveryStatus(db(), delivery!.id, { status: "created", source: "worker", notifyId: "notify-1" });
    await recordDeliveryStatus(db(), delivery!.id, { status: "permanent-failure", source: "callback" });
    // The same status again is no change: nothing more is told.
    await recordDeliveryStatus(db(), delivery!.id, { status: "permanent-failure", source: "poll" });
    const statuses = (await messagesOf(all)).map((message) => (message.payload as { data: { status: string } }).data);
    expect(statuses).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ status: "created", reason: null, notifyId: "notify-1", channel: "email" }),
        expect.objectContaining({ status: "permanent-failure", reason: "The email address does not exist" }),
      ]),
    );
    expect(statuses).toHaveLength(2);
    const [failure] = await messagesOf(failures);
    expect(eventTypes["delivery.updated"].data.parse((failure?.payload as { data: unknown }).data)).toMatchObject({
      deliveryId: delivery!.id,
      status: "permanent-failure",
    });
    expect(await liveEventsOf(notification.id)).toEqual([
      ...liveBefore,
      "notification.updated",
      "notification.updated",
    ]);
    // What the inbox shows beside the status, refetched on that live event.
    const [failed] = await db().select().from(deliveries).where(eq(deliveries.id, delivery!.id));
    expect(failed).toMatchObject({ status: "permanent-failure", error: "The email address does not exist" });
  });

  it("a cancellation is a status change too", async () => {
    const service = await client(["notifications:write"]);
    const all = await subscribe(service, "delivery.updated");
    const notification = await createEmail(service);
    await db().transaction((tx) => cancelDeliveries(tx, notification.id));
    const [message] = await messagesOf(all);
    expect((message?.payload as { data: unknown }).data).toMatchObject({
      status: "cancelled",
      reason: "cancelled before it was handed to GOV.UK Notify",
    });
    expect(await liveEventsOf(notification.id)).toContain("notification.updated");
  });
});

async function liveEventsOf(notificationId: string): Promise<string[]> {
  const rows = await db()
    .select({ type: notificationEvents.type })
    .from(notificationEvents)
    .where(eq(notificationEvents.notificationId, notificationId))
    .orderBy(notificationEvents.id);
  return rows.map((row) => row.type);
}

describe("activity.created", () => {
  it("a client with activity:read hears posted history; one without it hears none", async () => {
    const writer = await client(["activity:write"]);
    const reader = await subscribe(await client(["activity:read"]), "activity.created");
    const blind = await subscribe(await client(["notifications:read"]), "activity.created");
    const onOtherRecord = await subscribe(await client(["activity:read"]), "activity.created", {
      filters: { targetId: randomUUID() },
    });
    const tenureId = randomUUID();
    const activityId = randomUUID();
    const posted = { id: activityId, type: "update" as const, targetType: "tenure" as const, targetId: tenureId };
    await db().transaction((tx) => createActivities(tx, writer, [posted]));
    // A redelivered activity is stored once, and heard once.
    await db().transaction((tx) => createActivities(tx, writer, [posted]));
    const messages = await messagesOf(reader);
    expect(messages).toHaveLength(1);
    expect(eventTypes["activity.created"].data.parse((messages[0]!.payload as { data: unknown }).data)).toMatchObject({
      activityId,
      type: "update",
      targetType: "tenure",
      targetId: tenureId,
    });
    expect(await messagesOf(blind)).toHaveLength(0);
    expect(await messagesOf(onOtherRecord)).toHaveLength(0);
  });

  it("the centre's own audit of a notification is heard by the notification's creator alone", async () => {
    const creator = await client(["notifications:write"]);
    const ownAudit = await subscribe(creator, "activity.created", { filters: { targetType: "notification" } });
    const otherReader = await subscribe(await client(["activity:read"]), "activity.created");
    const notification = await createEmail(creator);
    await db().transaction((tx) =>
      recordActivities(tx, creator, [
        { targetType: "notification", targetId: notification.id, type: "update", newData: { note: "checked" } },
      ]),
    );
    const heard = await messagesOf(ownAudit);
    expect(heard).toHaveLength(1);
    expect(heard[0]!.targetId).toBe(notification.id);
    expect(await messagesOf(otherReader)).toHaveLength(0);
  });
});

describe("activity.created from a directory import", () => {
  it("each person the import writes is heard as an activity on that person", async () => {
    const directory = await client(["directory:manage"]);
    const reader = await subscribe(await client(["activity:read"]), "activity.created", {
      filters: { targetType: "person" },
    });
    const unique = (name: string) => `${name}-${randomUUID().slice(0, 8)}@resident.example`;
    const before = Date.now();
    await db().transaction((tx) =>
      importPeople(
        tx,
        directory,
        `name,kind,email\nAda Imported,resident,${unique("ada")}\nBea Imported,resident,${unique("bea")}\n`,
        { dryRun: false },
      ),
    );
    const heard = await messagesOf(reader);
    expect(heard).toHaveLength(2);
    for (const message of heard) {
      const data = eventTypes["activity.created"].data.parse((message.payload as { data: unknown }).data);
      expect(data).toMatchObject({ type: "create", targetType: "person" });
      expect(Date.parse(data.createdAt)).toBeGreaterThanOrEqual(before - 1000);
    }
  });
});

describe("visit.reminded", () => {
  it("reaches clients that may read visits, and no others", async () => {
    const visitsClient = await subscribe(await client(["visits:manage"]), "visit.reminded");
    const other = await subscribe(await client(["activity:read"]), "visit.reminded");
    const propertyId = randomUUID();
    const onProperty = await subscribe(await client(["visits:manage"]), "visit.reminded", {
      filters: { targetType: "asset", targetId: propertyId },
    });
    const visit = {
      id: randomUUID(),
      propertyId,
      officerUserId: randomUUID(),
      kind: "gas safety check",
      startsAt: new Date("2026-12-10T09:00:00Z"),
    };
    await db().transaction((tx) =>
      publishEvents(tx, [visitRemindedEvent(visit, { notificationId: randomUUID(), at: new Date() })]),
    );
    expect(await messagesOf(visitsClient)).toHaveLength(1);
    expect(await messagesOf(onProperty)).toHaveLength(1);
    expect(await messagesOf(other)).toHaveLength(0);
  });
});

describe("with nobody subscribed", () => {
  it("costs one read and writes nothing", async () => {
    const events = Array.from({ length: 100 }, () =>
      visitRemindedEvent(
        {
          id: randomUUID(),
          propertyId: randomUUID(),
          officerUserId: randomUUID(),
          kind: "repair",
          startsAt: new Date("2026-12-10T09:00:00Z"),
        },
        { notificationId: randomUUID(), at: new Date() },
      ),
    );
    // No subscription to notification.escalated exists in this file outside its own test's clients'.
    const none = events.map((event) => ({ ...event, type: "notification.escalated" as const }));
    await db().execute(sql`delete from subscriptions where event_type = 'notification.escalated'`);
    const rounds = 200;
    const [perCall, perSelect] = await db().transaction(async (tx) => {
      const time = async (work: () => Promise<unknown>) => {
        for (let round = 0; round < 20; round += 1) await work();
        const started = performance.now();
        for (let round = 0; round < rounds; round += 1) await work();
        return (performance.now() - started) / rounds;
      };
      expect(await publishEvents(tx, none)).toEqual([]);
      return [await time(() => publishEvents(tx, none)), await time(() => tx.execute(sql`select 1`))];
    });
    console.info(
      `publishEvents with no live subscription: ${perCall.toFixed(3)} ms a call (100 events); ` +
        `a bare select 1: ${perSelect.toFixed(3)} ms (${database.handle.driver})`,
    );
    const count = await db()
      .select({ id: subscriptionMessages.id })
      .from(subscriptionMessages)
      .where(
        and(
          eq(subscriptionMessages.eventType, "notification.escalated"),
          inArray(
            subscriptionMessages.eventId,
            none.map((event) => event.id),
          ),
        ),
      );
    expect(count).toHaveLength(0);
  });
});
