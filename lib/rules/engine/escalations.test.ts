import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  activities,
  notificationActions,
  notificationEvents,
  notificationReceipts,
  notifications,
  rules,
  ruleSteps,
  subscriptionMessages,
  subscriptions,
  teamManagers,
  teamMembers,
  teams,
  users,
  type Role,
} from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { recipientLimiter } from "@/lib/api/rate-limit";
import { createApiClient } from "@/lib/auth/api-clients";
import { findPersonCaller } from "@/lib/auth/people";
import type { ClientCaller } from "@/lib/auth/caller";
import { createNotificationBodySchema } from "@/lib/notifications/contract/create-notification-body";
import { createNotification } from "@/lib/notifications/create-notification";
import { getNotificationOrThrow } from "@/lib/notifications/get-notification";
import { recordNotificationAction } from "@/lib/notifications/record-action";
import { createTestClock } from "@/lib/rules/time/clock";
import { drainEscalations, sweepEscalations } from "./escalations";
import { rulesCaller } from "./rules-caller";

// Escalation rules end to end on a moved clock: an action-required item nobody acts on is
// re-announced to its audience after remindAfter, then sent to its team's managers after
// escalateAfter, in working time (Monday–Friday 09:00–17:00 London, bank holidays skipped).

const database = setUpTestDatabase();
const db = () => database.handle.db;
let service: ClientCaller;
const people: Record<string, string> = {};

async function addPerson(name: string, roles: Role[]): Promise<string> {
  const [row] = await db()
    .insert(users)
    .values({ name, email: `${name}@example.test`, roles })
    .returning({ id: users.id });
  people[name] = row!.id;
  return row!.id;
}

async function addTeam(key: string, name: string, members: string[], managers: string[], managerRole?: Role) {
  const [team] = await db()
    .insert(teams)
    .values({ key, name, managerRole: managerRole ?? null })
    .returning({ id: teams.id });
  for (const userId of members) await db().insert(teamMembers).values({ teamId: team!.id, userId });
  for (const userId of managers) await db().insert(teamManagers).values({ teamId: team!.id, userId });
}

beforeAll(async () => {
  const { client } = await createApiClient(db(), {
    name: "finance-system",
    // It hears its escalations through a subscription, which that scope keeps.
    scopes: ["notifications:read", "notifications:write", "subscriptions:manage"],
  });
  service = { kind: "client", id: client.id, name: client.name, scopes: client.scopes };
  const ann = await addPerson("ann", ["finance-officer"]);
  const bob = await addPerson("bob", ["finance-officer"]);
  const maya = await addPerson("maya", ["finance-manager"]);
  const mo = await addPerson("mo", ["finance-manager"]);
  const fay = await addPerson("fay", ["finance-manager"]);
  const ray = await addPerson("ray", ["repairs-manager"]);
  await addTeam("ledger", "Ledger", [ann, bob], [maya, mo]);
  await addTeam("rents", "Rents", [ann], []);
  await addTeam("arrears", "Arrears", [bob], [], "repairs-manager");
  expect([fay, ray].every(Boolean)).toBe(true);
  // Only this file's rule runs, so what each test sees is this rule's doing.
  await db().update(rules).set({ enabled: false }).where(eq(rules.kind, "escalation"));
  await db()
    .insert(rules)
    .values({
      name: "Escalate estimates (test)",
      kind: "escalation",
      definition: {
        category: "estimateApproval",
        remindAfter: "P1D",
        escalateAfter: "P2D",
        timeMode: "working",
        fallbackRole: "finance-manager",
      },
    });
});

/** An estimate to approve sent to a team at `at` (London time is GMT in March, BST in April). */
async function postItem(team: string, at: string): Promise<{ id: string; targetId: string }> {
  const targetId = randomUUID();
  const body = createNotificationBodySchema.parse({
    notificationType: "Screen",
    category: "estimateApproval",
    message: `Estimate ${targetId.slice(0, 8)} to approve`,
    recipient: { team },
    targetType: "workOrder",
    targetId,
  });
  const created = await db().transaction((tx) => createNotification(tx, service, body));
  const id = created.notification.id;
  await db()
    .update(notifications)
    .set({ createdAt: new Date(at) })
    .where(eq(notifications.id, id));
  await db()
    .update(notificationReceipts)
    .set({ createdAt: new Date(at) })
    .where(eq(notificationReceipts.notificationId, id));
  return { id, targetId };
}

const item = async (id: string) => (await db().select().from(notifications).where(eq(notifications.id, id)))[0]!;
const trail = async (id: string) =>
  db().select().from(notificationActions).where(eq(notificationActions.notificationId, id));
const copiesOf = async (id: string) => {
  const escalation = (await trail(id)).find((action) => action.actionType === "Escalated");
  if (!escalation) return [];
  const timeline = await db()
    .select()
    .from(activities)
    .where(and(eq(activities.targetId, id), eq(activities.targetType, "notification")));
  const ids = timeline.flatMap((entry) => (entry.newData?.escalatedCopies as string[] | undefined) ?? []);
  return ids.length ? db().select().from(notifications).where(inArray(notifications.id, ids)) : [];
};
const receiptsOf = (notificationIds: string[]) =>
  db().select().from(notificationReceipts).where(inArray(notificationReceipts.notificationId, notificationIds));
const stepsOf = (id: string) => db().select().from(ruleSteps).where(eq(ruleSteps.subjectId, id));

describe("escalation sweeps", () => {
  it("reminds after one working day across a weekend: a Friday 14:00 item comes back unread on Monday at 14:00", async () => {
    const { id, targetId } = await postItem("ledger", "2026-03-06T14:00:00Z");
    await db()
      .update(notificationReceipts)
      .set({ readAt: new Date("2026-03-06T15:00:00Z") })
      .where(eq(notificationReceipts.notificationId, id));
    const clock = createTestClock("2026-03-06T16:59:00Z");
    await sweepEscalations(db(), { clock });
    for (const at of ["2026-03-07T12:00:00Z", "2026-03-08T20:00:00Z", "2026-03-09T13:59:00Z"]) {
      clock.set(at);
      await sweepEscalations(db(), { clock });
      expect((await item(id)).remindedAt, `no reminder at ${at}`).toBeNull();
    }
    const eventsBefore = await db().select().from(notificationEvents).where(eq(notificationEvents.notificationId, id));

    clock.set("2026-03-09T14:00:00Z");
    await sweepEscalations(db(), { clock });
    expect((await item(id)).remindedAt).toEqual(new Date("2026-03-09T14:00:00Z"));
    const receipts = await receiptsOf([id]);
    expect(receipts).toHaveLength(2);
    expect(receipts.every((receipt) => receipt.readAt === null && receipt.actionRequired)).toBe(true);
    const reminded = (await trail(id)).filter((action) => action.actionType === "Reminded");
    expect(reminded.map((action) => action.actionNote)).toEqual(["Reminder: not acted on for 1 working day"]);
    const events = await db().select().from(notificationEvents).where(eq(notificationEvents.notificationId, id));
    expect(events.length).toBe(eventsBefore.length + 1);
    expect(events.at(-1)!.type).toBe("notification.updated");
    const onTarget = await db().select().from(activities).where(eq(activities.targetId, targetId));
    expect(onTarget.map((entry) => entry.newData?.reminder)).toEqual(["Not acted on for 1 working day"]);
    expect((await item(id)).escalatedAt).toBeNull();
  });

  it("skips bank holidays: a Thursday item before Easter is reminded on Tuesday, not on Good Friday or Easter Monday", async () => {
    // Thursday 2 April 2026 14:00 BST; Friday 3 and Monday 6 April are bank holidays.
    const { id } = await postItem("ledger", "2026-04-02T13:00:00Z");
    const clock = createTestClock("2026-04-03T15:00:00Z");
    for (const at of ["2026-04-03T15:00:00Z", "2026-04-06T15:00:00Z", "2026-04-07T12:59:00Z"]) {
      clock.set(at);
      await sweepEscalations(db(), { clock });
      expect((await item(id)).remindedAt, `no reminder at ${at}`).toBeNull();
    }
    clock.set("2026-04-07T13:00:00Z");
    await sweepEscalations(db(), { clock });
    expect((await item(id)).remindedAt).toEqual(new Date("2026-04-07T13:00:00Z"));
  });

  it("escalates after two working days to the team's named managers, each with action required, and says so on the item", async () => {
    const [subscription] = await db()
      .insert(subscriptions)
      .values({
        clientId: service.id,
        eventType: "notification.escalated",
        filters: { targetType: "workOrder" },
        contactEmails: ["ops@finance.example"],
        expiresOn: "2099-12-31",
        webhookUrl: "https://hooks.finance.example/in",
      })
      .returning();
    const { id, targetId } = await postItem("ledger", "2026-03-13T14:00:00Z");
    const clock = createTestClock("2026-03-16T14:00:00Z");
    await sweepEscalations(db(), { clock });
    expect((await item(id)).remindedAt).not.toBeNull();
    clock.set("2026-03-17T13:59:00Z");
    await sweepEscalations(db(), { clock });
    expect((await item(id)).escalatedAt).toBeNull();

    clock.set("2026-03-17T14:00:00Z");
    const result = await sweepEscalations(db(), { clock });
    expect(result.escalated).toBeGreaterThanOrEqual(1);
    const escalated = await item(id);
    expect(escalated).toMatchObject({
      escalatedAt: new Date("2026-03-17T14:00:00Z"),
      escalatedTo: "Ledger managers",
      escalatedAfter: "2 working days",
    });
    const copies = await copiesOf(id);
    expect(copies).toHaveLength(2);
    expect(copies.map((copy) => copy.recipientUserId).sort()).toEqual([people.maya, people.mo].sort());
    expect(copies.every((copy) => copy.requireAction && copy.category === "estimateApproval")).toBe(true);
    expect(copies.every((copy) => copy.targetId === targetId)).toBe(true);
    const copyReceipts = await receiptsOf(copies.map((copy) => copy.id));
    expect(copyReceipts.map((receipt) => [receipt.userId, receipt.actionRequired]).sort()).toEqual(
      [
        [people.maya, true],
        [people.mo, true],
      ].sort(),
    );
    const created = await db()
      .select()
      .from(notificationEvents)
      .where(
        and(
          inArray(
            notificationEvents.notificationId,
            copies.map((copy) => copy.id),
          ),
          eq(notificationEvents.type, "notification.created"),
        ),
      );
    expect(created).toHaveLength(2);

    // What the API and the inbox show on the original item.
    const ann = (await findPersonCaller(db(), people.ann!))!;
    const response = await getNotificationOrThrow(db(), ann, id);
    expect(response.escalation).toEqual({
      escalatedAt: "2026-03-17T14:00:00.000Z",
      escalatedTo: "Ledger managers",
      notActedOnFor: "2 working days",
    });
    expect(response.actions!.map((action) => [action.actionType, action.actionNote])).toEqual([
      ["Reminded", "Reminder: not acted on for 1 working day"],
      ["Escalated", "Escalated to Ledger managers: not acted on for 2 working days"],
    ]);
    const onTarget = await db().select().from(activities).where(eq(activities.targetId, targetId));
    expect(onTarget.map((entry) => entry.newData?.escalatedTo).filter(Boolean)).toEqual(["Ledger managers"]);
    // The service that sent the item hears of the escalation (issue 13), once.
    const heard = await db()
      .select()
      .from(subscriptionMessages)
      .where(eq(subscriptionMessages.subscriptionId, subscription!.id));
    expect(heard.map((message) => message.payload)).toEqual([
      {
        type: "notification.escalated",
        timestamp: "2026-03-17T14:00:00.000Z",
        data: expect.objectContaining({
          notificationId: id,
          category: "estimateApproval",
          targetId,
          escalatedAt: "2026-03-17T14:00:00.000Z",
          escalatedTo: "Ledger managers",
          notActedOnFor: "2 working days",
        }),
      },
    ]);

    clock.set("2026-03-30T14:00:00Z");
    await sweepEscalations(db(), { clock });
    expect(await copiesOf(id)).toHaveLength(2);
    expect((await trail(id)).filter((action) => action.actionType === "Escalated")).toHaveLength(1);
  });

  it("falls back to the team's manager role, then to the rule's fallback role, when a team names no managers", async () => {
    const toRole = await postItem("arrears", "2026-03-13T14:00:00Z");
    const toFallback = await postItem("rents", "2026-03-13T14:00:00Z");
    await sweepEscalations(db(), { clock: createTestClock("2026-03-17T14:00:00Z") });

    expect(await item(toRole.id)).toMatchObject({ escalatedTo: "Repairs managers" });
    const [roleCopy] = await copiesOf(toRole.id);
    expect(roleCopy).toMatchObject({ recipientKind: "role", recipientRole: "repairs-manager" });
    expect((await receiptsOf([roleCopy!.id])).map((receipt) => receipt.userId)).toEqual([people.ray]);

    expect(await item(toFallback.id)).toMatchObject({ escalatedTo: "Finance managers" });
    const [fallbackCopy] = await copiesOf(toFallback.id);
    expect(fallbackCopy).toMatchObject({ recipientKind: "role", recipientRole: "finance-manager" });
    const reached = (await receiptsOf([fallbackCopy!.id])).map((receipt) => receipt.userId).sort();
    expect(reached).toEqual([people.maya, people.mo, people.fay].sort());
  });

  it("never escalates an item someone acted on after its reminder", async () => {
    const { id } = await postItem("ledger", "2026-03-20T14:00:00Z");
    const clock = createTestClock("2026-03-23T14:00:00Z");
    await sweepEscalations(db(), { clock });
    expect((await item(id)).remindedAt).not.toBeNull();
    const bob = (await findPersonCaller(db(), people.bob!))!;
    await db().transaction((tx) =>
      recordNotificationAction(tx, bob, id, { actionType: "Approved", actionNote: "Within budget" }),
    );
    for (const at of ["2026-03-24T14:00:00Z", "2026-04-30T14:00:00Z"]) {
      clock.set(at);
      await sweepEscalations(db(), { clock });
    }
    expect((await item(id)).escalatedAt).toBeNull();
    expect((await stepsOf(id)).map((step) => step.step)).toEqual(["reminder"]);
  });

  it("escalates once when two sweeps run at the same time", async () => {
    const { id } = await postItem("ledger", "2026-03-27T10:00:00Z");
    const clock = createTestClock("2026-03-31T15:00:00Z");
    const [first, second] = await Promise.all([sweepEscalations(db(), { clock }), sweepEscalations(db(), { clock })]);
    expect(first.failed + second.failed).toBe(0);
    expect(await copiesOf(id)).toHaveLength(2);
    expect((await trail(id)).filter((action) => action.actionType === "Escalated")).toHaveLength(1);
    expect((await stepsOf(id)).map((step) => step.step)).toEqual(["escalation"]);
  });

  it("retries a step whose sweep died after claiming it, and still takes it exactly once", async () => {
    const { id } = await postItem("ledger", "2026-04-09T10:00:00Z");
    const clock = createTestClock("2026-04-14T15:00:00Z");
    const interrupted = await sweepEscalations(db(), {
      clock,
      onStepClaimed: (step, notificationId) => {
        if (notificationId === id) throw new Error(`worker killed while taking the ${step}`);
      },
    });
    expect(interrupted.failed).toBe(1);
    expect(await stepsOf(id)).toEqual([]);
    expect(await item(id)).toMatchObject({ escalatedAt: null });

    clock.set("2026-04-14T15:01:00Z");
    const retried = await sweepEscalations(db(), { clock });
    expect(retried.escalated).toBe(1);
    await sweepEscalations(db(), { clock });
    expect((await stepsOf(id)).map((step) => step.step)).toEqual(["escalation"]);
    expect(await copiesOf(id)).toHaveLength(2);
    expect((await trail(id)).filter((action) => action.actionType === "Escalated")).toHaveLength(1);
  });

  it("takes the rest of a batch when one item fails, retries that one next run, and never reminds it meanwhile", async () => {
    const ivy = await addPerson("ivy", ["finance-manager"]);
    await addTeam("audit", "Audit", [], [ivy]);
    const first = await postItem("audit", "2026-06-01T10:00:00Z");
    const second = await postItem("audit", "2026-06-01T10:01:00Z");
    const elsewhere = await postItem("ledger", "2026-06-01T10:02:00Z");
    // Ivy has room for one more notification from the rules this hour: the batch's two copies for
    // her are refused (429), and so is the second alone once the first has taken her last one.
    const rulesClient = await rulesCaller(db());
    const capKey = `client:${rulesClient.id}|person:${ivy}`;
    const used = await recipientLimiter.consumeAll(db(), new Map([[capKey, recipientLimiter.limit - 1]]));
    if (!used.allowed) throw new Error("the cap was already in use");
    const clock = createTestClock("2026-06-05T12:00:00Z");
    const result = await sweepEscalations(db(), { clock });
    expect(result).toEqual({ reminded: 0, escalated: 2, failed: 1 });
    expect((await item(first.id)).escalatedTo).toBe("Audit managers");
    expect((await item(elsewhere.id)).escalatedTo).toBe("Ledger managers");
    // Due for a reminder too, but an item whose escalation failed waits for the escalation's retry.
    expect(await item(second.id)).toMatchObject({ escalatedAt: null, remindedAt: null });
    expect(await stepsOf(second.id)).toEqual([]);
    expect(await trail(second.id)).toEqual([]);

    // Negative uses give the room back.
    await recipientLimiter.consumeAll(db(), new Map([[capKey, 1 - recipientLimiter.limit]]));
    expect(await sweepEscalations(db(), { clock })).toEqual({ reminded: 0, escalated: 1, failed: 0 });
    expect((await item(second.id)).escalatedTo).toBe("Audit managers");
    expect((await copiesOf(second.id)).map((copy) => copy.recipientUserId)).toEqual([ivy]);
    expect((await stepsOf(second.id)).map((step) => step.step)).toEqual(["escalation"]);
  });

  it("drains a backlog in bounded sweeps, one after another, within one scheduled run", async () => {
    const backlog = await Promise.all(
      ["10:00", "10:01", "10:02"].map((time) => postItem("ledger", `2026-05-12T${time}:00Z`)),
    );
    const total = await drainEscalations(db(), { clock: createTestClock("2026-05-20T12:00:00Z"), limit: 1 });
    expect(total.escalated).toBeGreaterThanOrEqual(3);
    for (const { id } of backlog) expect((await item(id)).escalatedAt).not.toBeNull();
  });
});
