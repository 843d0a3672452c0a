import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { subscriptionAuditEntries, subscriptionMessages, subscriptions } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { ApiError } from "@/lib/api/errors";
import type { PersonCaller } from "@/lib/auth/caller";
import { replayFailedMessages, sendTestEvent, setSubscriptionEnabled, testEventType } from "./admin-actions";
import { listAllSubscriptions, listRecentMessages } from "./admin-subscriptions";
import { readDryRun } from "./read-dry-run";
import { createSubscriber, insertMessage, insertSubscription, type TestSubscriber } from "./testing/message-fixtures";

// What an administrator does from /admin/subscriptions/[id], straight through lib/: every change
// is audited with the administrator as author, and only administrators may do any of it.

const database = setUpTestDatabase();
const db = () => database.handle.db;

const person = (roles: PersonCaller["roles"]): PersonCaller => ({
  kind: "person",
  id: randomUUID(),
  name: roles.includes("admin") ? "Alex Morgan" : "Fiona Officer",
  email: "someone@council.example",
  roles,
  teams: [],
  personId: null,
  tenureIds: [],
  scopes: [],
});
const admin = person(["admin"]);
const officer = person(["finance-officer"]);

let client: TestSubscriber;
beforeAll(async () => {
  client = await createSubscriber(db(), "Fibre Ltd");
});

const auditOf = (subscriptionId: string) =>
  db().select().from(subscriptionAuditEntries).where(eq(subscriptionAuditEntries.subscriptionId, subscriptionId));

describe("admin subscription actions", () => {
  it("refuse anyone but an administrator with a 403, changing nothing", async () => {
    const id = await insertSubscription(db(), client.caller.id);
    for (const caller of [officer, client.caller]) {
      await expect(setSubscriptionEnabled(db(), caller, id, false)).rejects.toMatchObject({ status: 403 });
      await expect(sendTestEvent(db(), caller, id)).rejects.toMatchObject({ status: 403 });
      await expect(replayFailedMessages(db(), caller, id, false)).rejects.toMatchObject({ status: 403 });
      await expect(listAllSubscriptions(db(), caller)).rejects.toBeInstanceOf(ApiError);
    }
    expect(await auditOf(id)).toEqual([]);
  });

  it("disable and enable, each audited, and the list shows where it stands", async () => {
    const id = await insertSubscription(db(), client.caller.id, { failingSince: new Date(Date.now() - 86_400_000) });
    await setSubscriptionEnabled(db(), admin, id, false);
    let [row] = await db().select().from(subscriptions).where(eq(subscriptions.id, id));
    expect(row!.disabledReason).toBe("Disabled by an administrator (Alex Morgan)");
    const listed = (await listAllSubscriptions(db(), admin)).find((entry) => entry.subscription.id === id);
    expect(listed).toMatchObject({ clientName: client.caller.name, standing: { state: "disabled" } });

    await setSubscriptionEnabled(db(), admin, id, true);
    [row] = await db().select().from(subscriptions).where(eq(subscriptions.id, id));
    expect(row).toMatchObject({ disabledAt: null, disabledReason: null, failingSince: null });
    const audit = await auditOf(id);
    expect(audit.map((entry) => entry.action).sort()).toEqual(["disable", "enable"]);
    expect(audit[0]!.author).toMatchObject({ id: admin.id, fullName: "Alex Morgan" });
  });

  it("a test event is a pending message on each channel with a test payload, listed with the recent messages", async () => {
    const id = await insertSubscription(db(), client.caller.id, { emailAddresses: ["alerts@fibre.example"] });
    const ids = await sendTestEvent(db(), admin, id);
    expect(ids).toHaveLength(2);
    const messages = await listRecentMessages(db(), admin, id);
    expect(messages.map((message) => message.channel).sort()).toEqual(["email", "webhook"]);
    for (const message of messages)
      expect(message).toMatchObject({
        status: "pending",
        eventType: testEventType,
        payload: { type: testEventType, data: { subscriptionId: id } },
      });
    expect((await auditOf(id)).map((entry) => entry.action)).toEqual(["test-event"]);
  });

  it("a deleted subscription takes no test event", async () => {
    const id = await insertSubscription(db(), client.caller.id, { deletedAt: new Date() });
    await expect(sendTestEvent(db(), admin, id)).rejects.toMatchObject({ status: 404 });
    expect(await db().select().from(subscriptionMessages).where(eq(subscriptionMessages.subscriptionId, id))).toEqual(
      [],
    );
  });

  it("a disabled or expired subscription takes no test event: a 409, nothing queued or audited", async () => {
    const disabled = await insertSubscription(db(), client.caller.id, { disabledAt: new Date() });
    const expired = await insertSubscription(db(), client.caller.id, { expiresOn: "2020-01-01" });
    for (const id of [disabled, expired]) {
      await expect(sendTestEvent(db(), admin, id)).rejects.toMatchObject({ status: 409 });
      expect(await db().select().from(subscriptionMessages).where(eq(subscriptionMessages.subscriptionId, id))).toEqual(
        [],
      );
      expect(await auditOf(id)).toEqual([]);
    }
  });

  it("replay of failed messages counts first (read back for the confirm step), then queues that many", async () => {
    const id = await insertSubscription(db(), client.caller.id);
    const other = await insertSubscription(db(), client.caller.id);
    await insertMessage(db(), id);
    await insertMessage(db(), id);
    await insertMessage(db(), id, { status: "sent" });
    await insertMessage(db(), other);

    const before = (await db().select().from(subscriptionMessages)).length;
    const dry = await replayFailedMessages(db(), admin, id, true);
    expect(await readDryRun(db(), id, dry.auditId)).toMatchObject({ matched: 2, queued: 2 });
    expect(await readDryRun(db(), other, dry.auditId)).toBeNull();
    expect((await db().select().from(subscriptionMessages)).length).toBe(before);

    const real = await replayFailedMessages(db(), admin, id, false);
    expect(real).toMatchObject({ matched: 2, queued: 2 });
    expect((await db().select().from(subscriptionMessages)).length).toBe(before + 2);
    const otherMessages = await db()
      .select()
      .from(subscriptionMessages)
      .where(eq(subscriptionMessages.subscriptionId, other));
    expect(otherMessages).toHaveLength(1);
  });
});
