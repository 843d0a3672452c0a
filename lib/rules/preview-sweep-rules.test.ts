import { randomUUID } from "node:crypto";
import { and, eq, inArray, ne, notInArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { notifications, rules, ruleSteps, users, visits, type Rule } from "@/db/schema";
import type { ClientCaller } from "@/lib/auth/caller";
import { createNotificationBodySchema } from "@/lib/notifications/contract/create-notification-body";
import { createNotification } from "@/lib/notifications/create-notification";
import { setUpNotificationsApi } from "@/lib/notifications/testing/set-up-notifications-api";
import { ingestEventAt } from "@/lib/testing/ingest-event-at";
import { rowCounts } from "@/lib/testing/row-counts";
import { sweepEscalations } from "./engine/escalations";
import { rulesCaller } from "./engine/rules-caller";
import { sweepStalledRecords } from "./engine/stalled";
import { sweepVisitReminders } from "./engine/visit-reminders";
import { previewRule } from "./preview-rule";
import type { EscalationRulePreview, ReminderRulePreview, StalledRulePreview } from "./preview-schema";
import { createTestClock } from "./time/clock";

// The dry run of the sweeping kinds (escalation, stalled, reminder): at a moved clock it lists what
// the sweep then does at the same instant, to the same people, and writes nothing while listing.

const api = setUpNotificationsApi({ notify: true });
const { database, demo } = api;
const db = () => database.handle.db;
let rulesClient: ClientCaller;

beforeAll(async () => {
  rulesClient = await rulesCaller(db());
});

const ruleNamed = async (name: string): Promise<Rule> =>
  (await db().select().from(rules).where(eq(rules.name, name)))[0]!;

/** The preview at `now`, checked to leave every table's row count as it was. */
async function previewWritingNothing(rule: Rule, now: Date) {
  const before = await rowCounts(db());
  const preview = await previewRule(db(), rule.id, {}, now);
  expect(await rowCounts(db())).toEqual(before);
  return preview;
}

async function stepsOf(ruleId: string) {
  return db().select().from(ruleSteps).where(eq(ruleSteps.ruleId, ruleId));
}

describe("previewing an escalation rule", () => {
  async function postItem(team: string, at: string) {
    const body = createNotificationBodySchema.parse({
      notificationType: "Screen",
      category: "estimateApproval",
      message: `Estimate ${randomUUID().slice(0, 8)} to approve`,
      recipient: { team },
      targetType: "workOrder",
      targetId: randomUUID(),
      requireAction: true,
    });
    const { notification } = await db().transaction((tx) => createNotification(tx, rulesClient, body));
    await db()
      .update(notifications)
      .set({ createdAt: new Date(at) })
      .where(eq(notifications.id, notification.id));
    return notification.id;
  }

  it("lists the items due for a reminder and for an escalation, with whom, as the sweep then takes them", async () => {
    const [rule] = await db()
      .insert(rules)
      .values({
        name: "Escalate estimates (preview test)",
        kind: "escalation",
        definition: {
          category: "estimateApproval",
          remindAfter: "P1D",
          escalateAfter: "P2D",
          timeMode: "calendar",
          fallbackRole: "finance-manager",
        },
      })
      .returning();
    await db()
      .update(rules)
      .set({ enabled: false })
      .where(and(eq(rules.kind, "escalation"), ne(rules.id, rule!.id)));
    const remindedA = await postItem("finance", "2026-03-02T10:00:00Z");
    const remindedB = await postItem("repairs", "2026-03-02T10:30:00Z");
    const escalated = await postItem("finance", "2026-03-01T09:00:00Z");
    const notYet = await postItem("finance", "2026-03-03T10:00:00Z");
    const now = new Date("2026-03-03T11:00:00Z");

    const preview = (await previewWritingNothing(rule!, now)) as EscalationRulePreview;
    expect(preview).toMatchObject({ kind: "escalation", ruleId: rule!.id, at: now.toISOString() });
    expect(preview.reminders.total).toBe(2);
    expect(preview.reminders.items.map((item) => [item.notificationId, item.recipients])).toEqual([
      [remindedA, [{ team: "finance" }]],
      [remindedB, [{ team: "repairs" }]],
    ]);
    expect(preview.escalations.total).toBe(1);
    const [escalation] = preview.escalations.items;
    expect(escalation).toMatchObject({ notificationId: escalated, sentTo: "Finance managers" });
    expect(escalation!.recipients.length).toBeGreaterThan(0);
    expect(JSON.stringify(preview)).not.toContain(notYet);

    const result = await sweepEscalations(db(), { clock: createTestClock(now), limit: 500 });
    expect(result).toEqual({ reminded: 2, escalated: 1, failed: 0 });
    const swept = await db()
      .select()
      .from(notifications)
      .where(inArray(notifications.id, [remindedA, remindedB, escalated, notYet]));
    const byId = new Map(swept.map((item) => [item.id, item]));
    expect([remindedA, remindedB].every((id) => byId.get(id)!.remindedAt !== null)).toBe(true);
    expect(byId.get(escalated)!.escalatedTo).toBe("Finance managers");
    expect(byId.get(notYet)!.remindedAt).toBeNull();
    const copies = await db()
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.category, "estimateApproval"),
          eq(notifications.createdByClientId, rulesClient.id),
          notInArray(notifications.id, [remindedA, remindedB, escalated, notYet]),
        ),
      );
    expect(copies.map((copy) => ({ userId: copy.recipientUserId! })).sort(byUser)).toEqual(
      [...escalation!.recipients].sort(byUser),
    );

    const after = (await previewWritingNothing(rule!, now)) as EscalationRulePreview;
    expect([after.reminders.total, after.escalations.total]).toEqual([0, 0]);
  });
});

const byUser = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b));

describe("previewing a stalled rule", () => {
  const event = (eventType: string, entityId: string, at: Date, newData?: Record<string, unknown>) =>
    ingestEventAt(db(), rulesClient, { eventType, entityId, at, newData });

  it("lists the records stalled now and who would be told, as the sweep then tells them", async () => {
    const rule = await ruleNamed("Process stalled for 2 weeks");
    const owned = randomUUID();
    const unowned = randomUUID();
    const fresh = randomUUID();
    await event("ProcessStartedEvent", unowned, new Date("2026-03-01T10:00:00Z"));
    await event("ProcessStartedEvent", owned, new Date("2026-03-02T10:00:00Z"), {
      ownerUserId: demo.people.hana!.id,
    });
    await event("ProcessStartedEvent", fresh, new Date("2026-03-10T10:00:00Z"));
    const now = new Date("2026-03-17T12:00:00Z");

    const preview = (await previewWritingNothing(rule, now)) as StalledRulePreview;
    expect(preview.stalled.total).toBe(2);
    expect(preview.stalled.items).toEqual([
      expect.objectContaining({ targetId: unowned, quietFor: "16 days", recipient: { team: "housing-officers" } }),
      expect.objectContaining({
        targetId: owned,
        quietFor: "15 days",
        recipient: { userId: demo.people.hana!.id },
        sentTo: "the record's owner, named in its history",
      }),
    ]);

    const stepsBefore = (await stepsOf(rule.id)).length;
    await sweepStalledRecords(db(), { clock: createTestClock(now) });
    expect((await stepsOf(rule.id)).length - stepsBefore).toBe(2);
    const notices = await db()
      .select()
      .from(notifications)
      .where(inArray(notifications.targetId, [owned, unowned, fresh]));
    expect(
      notices.map((notice) => [notice.targetId, notice.message, notice.recipientTeam ?? notice.recipientUserId]).sort(),
    ).toEqual(
      preview.stalled.items.map((item) => [item.targetId, item.message, Object.values(item.recipient)[0]]).sort(),
    );
    expect(((await previewWritingNothing(rule, now)) as StalledRulePreview).stalled.total).toBe(0);
  });
});

describe("previewing reminder rules", () => {
  it("lists the visits whose reminders are due, to whom and by which channel, as the sweep then sends them", async () => {
    const residentRule = await ruleNamed("Visit reminder to the resident, 7 days and 1 day before");
    const officerRule = await ruleNamed("Visit reminder to the officer, 08:00 the working day before");
    const [resident] = await db()
      .insert(users)
      .values({
        kind: "resident",
        name: "Resident Preview",
        roles: ["resident"],
        email: "resident-preview@resident.example",
        mobileNumber: "07700900123",
        preferredChannel: "sms",
      })
      .returning();
    const startsAt = new Date("2027-03-10T10:00:00Z");
    const [visit] = await db()
      .insert(visits)
      .values({
        propertyId: randomUUID(),
        residentUserId: resident!.id,
        officerUserId: demo.people.hana!.id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3_600_000),
        kind: "gas safety check",
        createdBy: "test",
      })
      .returning();
    const now = new Date("2027-03-09T10:30:00Z");

    const toResident = (await previewWritingNothing(residentRule, now)) as ReminderRulePreview;
    expect(toResident.reminders).toEqual({
      total: 2,
      items: [
        expect.objectContaining({ visitId: visit!.id, offset: "P7D", channel: null, recipient: null }),
        expect.objectContaining({
          visitId: visit!.id,
          offset: "P1D",
          channel: "sms",
          recipient: { userId: resident!.id },
          explanation: "text message to Resident Preview",
        }),
      ],
    });
    expect(toResident.reminders.items[0]!.explanation).toMatch(/^not sent: the sweep ran late and the P1D reminder/);
    const toOfficer = (await previewWritingNothing(officerRule, now)) as ReminderRulePreview;
    expect(toOfficer.reminders).toEqual({
      total: 1,
      items: [
        expect.objectContaining({ visitId: visit!.id, channel: "inbox", recipient: { userId: demo.people.hana!.id } }),
      ],
    });

    const result = await sweepVisitReminders(db(), { clock: createTestClock(now) });
    expect(result).toEqual({ sent: 2, skipped: 1, failed: 0 });
    const made = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.targetType, "asset"), eq(notifications.targetId, visit!.propertyId)));
    expect(made.map((item) => [item.notificationType, item.recipientUserId]).sort()).toEqual(
      [
        ["Screen", demo.people.hana!.id],
        ["Text", resident!.id],
      ].sort(),
    );
    expect(((await previewWritingNothing(residentRule, now)) as ReminderRulePreview).reminders.total).toBe(0);
    expect(((await previewWritingNothing(officerRule, now)) as ReminderRulePreview).reminders.total).toBe(0);
  });
});
