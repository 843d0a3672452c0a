import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/client";
import { notificationReceipts, notifications, rules, users } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import type { ClientCaller } from "@/lib/auth/caller";
import { findPersonCaller } from "@/lib/auth/people";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";
import { ingestEventAt } from "@/lib/testing/ingest-event-at";
import { createTestClock } from "../time/clock";
import { listStalledRecords } from "./list-stalled";
import { rulesCaller } from "./rules-caller";
import { sweepStalledRecords, unclaimedStalls } from "./stalled";
import { activeStalledRules } from "./stalled-rules";

// Stalled-process rules end to end with a moved clock: the seeded rule "Process stalled for 2 weeks"
// (P14D calendar, housing-officers, closed by ProcessClosedEvent/ProcessCompletedEvent), and a
// working-time rule for work orders added here.

const database = setUpTestDatabase();
const db = () => database.handle.db;
let demo: DemoCallers;
let service: ClientCaller;
beforeAll(async () => {
  demo = await setUpDemoCallers(db());
  service = await rulesCaller(db());
});

const DAY = 86_400_000;

const event = (eventType: string, entityId: string, at: Date, newData?: Record<string, unknown>) =>
  ingestEventAt(db(), service, { eventType, entityId, at, newData });

async function noticesAbout(targetId: string) {
  return db()
    .select()
    .from(notifications)
    .where(and(eq(notifications.targetId, targetId), eq(notifications.category, "processThreshold")));
}

async function stalledFor(name: string, at: Date) {
  const caller = (await findPersonCaller(db(), demo.people[name]!.id))!;
  const page = await listStalledRecords(db(), caller, { pageSize: 100 }, createTestClock(at));
  return page.results;
}

describe("stalled-process rules", () => {
  it("tells the audience once when a process has had no activity for 14 days, and lists it as stalled", async () => {
    const process = randomUUID();
    const started = new Date("2026-03-02T10:00:00Z");
    await event("ProcessStartedEvent", process, started);
    const clock = createTestClock(new Date(started.getTime() + 14 * DAY - 60_000));

    await sweepStalledRecords(db(), { clock });
    expect(await noticesAbout(process)).toHaveLength(0);
    expect((await stalledFor("hana", clock.now())).map((row) => row.targetId)).not.toContain(process);

    clock.advance(60_000);
    await sweepStalledRecords(db(), { clock });
    const [notice, ...others] = await noticesAbout(process);
    expect(others).toHaveLength(0);
    expect(notice).toMatchObject({ recipientTeam: "housing-officers", targetType: "process" });
    expect(notice!.message).toContain("14 days");
    const receipts = await db()
      .select()
      .from(notificationReceipts)
      .where(eq(notificationReceipts.notificationId, notice!.id));
    expect(receipts.map((receipt) => receipt.userId)).toEqual([demo.people.hana!.id]);

    clock.advance(2 * DAY);
    await sweepStalledRecords(db(), { clock });
    expect(await noticesAbout(process)).toHaveLength(1);
    const listed = (await stalledFor("hana", clock.now())).find((row) => row.targetId === process);
    expect(listed).toEqual({
      targetType: "process",
      targetId: process,
      lastActivityAt: started.toISOString(),
      quietFor: "16 days",
      timelineUrl: `/activity/process/${process}`,
    });
  });

  it("leaves the list when activity resumes, and tells them again when it stalls again", async () => {
    const process = randomUUID();
    const started = new Date("2026-05-04T10:00:00Z");
    await event("ProcessStartedEvent", process, started);
    const clock = createTestClock(new Date(started.getTime() + 15 * DAY));
    await sweepStalledRecords(db(), { clock });
    expect(await noticesAbout(process)).toHaveLength(1);

    await event("NoteCreatedAgainstProcessEvent", process, clock.now());
    expect((await stalledFor("hana", clock.now())).map((row) => row.targetId)).not.toContain(process);
    clock.advance(13 * DAY);
    await sweepStalledRecords(db(), { clock });
    expect(await noticesAbout(process)).toHaveLength(1);

    clock.advance(DAY);
    await sweepStalledRecords(db(), { clock });
    expect(await noticesAbout(process)).toHaveLength(2);
    expect((await stalledFor("hana", clock.now())).map((row) => row.targetId)).toContain(process);
  });

  it("never tells anyone about a closed process, nor lists it; a late, back-dated event does not reopen it", async () => {
    const closed = randomUUID();
    const completed = randomUUID();
    const started = new Date("2026-06-01T10:00:00Z");
    await event("ProcessStartedEvent", closed, started);
    await event("ProcessStartedEvent", completed, started);
    await event("ProcessClosedEvent", closed, new Date(started.getTime() + DAY));
    await event("ProcessCompleted", completed, new Date(started.getTime() + DAY));
    await event("ProcessUpdatedEvent", closed, new Date(started.getTime() + DAY / 2));
    const clock = createTestClock(new Date(started.getTime() + 60 * DAY));

    await sweepStalledRecords(db(), { clock });
    expect(await noticesAbout(closed)).toHaveLength(0);
    expect(await noticesAbout(completed)).toHaveLength(0);
    const listed = (await stalledFor("hana", clock.now())).map((row) => row.targetId);
    expect(listed).not.toContain(closed);
    expect(listed).not.toContain(completed);
  });

  it("counts working time: a work order quiet over Easter stalls two working days later, on the Wednesday", async () => {
    await db()
      .insert(rules)
      .values({
        name: "Work order stalled for 2 working days",
        kind: "stalled",
        definition: {
          category: "processThreshold",
          targetType: "workOrder",
          after: "P2D",
          timeMode: "working",
          closingEventTypes: ["WorkOrderClosedEvent"],
          audience: { team: "repairs" },
        },
      });
    const workOrder = randomUUID();
    // Thursday 2 April 2026, 17:00 in London; Good Friday and Easter Monday are bank holidays.
    await event("WorkOrderCreatedEvent", workOrder, new Date("2026-04-02T16:00:00Z"));
    const clock = createTestClock("2026-04-07T16:00:00Z");
    await sweepStalledRecords(db(), { clock });
    expect(await noticesAbout(workOrder)).toHaveLength(0);
    expect((await stalledFor("rob", clock.now())).map((row) => row.targetId)).not.toContain(workOrder);

    clock.set("2026-04-08T15:59:00Z");
    await sweepStalledRecords(db(), { clock });
    expect(await noticesAbout(workOrder)).toHaveLength(0);

    clock.set("2026-04-08T16:00:00Z");
    await sweepStalledRecords(db(), { clock });
    const [notice] = await noticesAbout(workOrder);
    expect(notice).toMatchObject({ recipientTeam: "repairs", targetType: "workOrder" });
    expect((await stalledFor("rob", clock.now())).map((row) => row.targetId)).toContain(workOrder);
  });

  it("shows each person only the stalled records of types their work covers", async () => {
    const process = randomUUID();
    const workOrder = randomUUID();
    const at = new Date("2026-09-01T10:00:00Z");
    await event("ProcessStartedEvent", process, at);
    await event("WorkOrderCreatedEvent", workOrder, at);
    const later = new Date(at.getTime() + 30 * DAY);

    const types = async (name: string) =>
      new Set(
        (await stalledFor(name, later))
          .filter((row) => row.targetId === process || row.targetId === workOrder)
          .map((row) => row.targetType),
      );
    expect(await types("rob")).toEqual(new Set(["workOrder"]));
    expect(await types("carl")).toEqual(new Set(["workOrder"]));
    expect(await types("hana")).toEqual(new Set(["process"]));
    expect(await types("fiona")).toEqual(new Set());
    expect(await types("rosa")).toEqual(new Set());
    expect(await types("alex")).toEqual(new Set(["process", "workOrder"]));
  });

  it("pages the list oldest first with the nextToken", async () => {
    const caller = (await findPersonCaller(db(), demo.people.alex!.id))!;
    const clock = createTestClock("2027-06-01T00:00:00Z");
    const all = await listStalledRecords(db(), caller, { pageSize: 100 }, clock);
    const first = await listStalledRecords(db(), caller, { pageSize: 2 }, clock);
    const second = await listStalledRecords(
      db(),
      caller,
      { pageSize: 2, paginationToken: first.paginationDetails.nextToken! },
      clock,
    );
    expect([...first.results, ...second.results]).toEqual(all.results.slice(0, 4));
    const times = all.results.map((row) => row.lastActivityAt);
    expect(times).toEqual([...times].sort());
  });

  it("tells the owner the record's history names instead of the team; a resident named as owner is not told", async () => {
    const owned = randomUUID();
    const residentOwned = randomUUID();
    const started = new Date("2026-11-02T10:00:00Z");
    await event("ProcessStartedEvent", owned, started, { ownerUserId: demo.people.hana!.id });
    await event("ProcessUpdatedEvent", owned, new Date(started.getTime() + DAY), { stage: "visit booked" });
    await event("ProcessStartedEvent", residentOwned, started, { ownerUserId: demo.people.rosa!.id });
    const clock = createTestClock(new Date(started.getTime() + 20 * DAY));
    await sweepStalledRecords(db(), { clock });

    const [toOwner] = await noticesAbout(owned);
    expect(toOwner).toMatchObject({ recipientUserId: demo.people.hana!.id, recipientTeam: null });
    const [toTeam] = await noticesAbout(residentOwned);
    expect(toTeam).toMatchObject({ recipientUserId: null, recipientTeam: "housing-officers" });
  });

  it("leaves a notice with the team when the owner named is disabled", async () => {
    const [disabled] = await db()
      .insert(users)
      .values({ name: "Dee Parted", email: `dee.${randomUUID()}@council.example`, roles: ["housing-officer"] })
      .returning();
    await db().update(users).set({ disabledAt: new Date() }).where(eq(users.id, disabled!.id));
    const owned = randomUUID();
    const started = new Date("2026-11-09T10:00:00Z");
    await event("ProcessStartedEvent", owned, started, { ownerUserId: disabled!.id });
    await sweepStalledRecords(db(), { clock: createTestClock(new Date(started.getTime() + 20 * DAY)) });

    const [toTeam, ...others] = await noticesAbout(owned);
    expect(others).toHaveLength(0);
    expect(toTeam).toMatchObject({ recipientUserId: null, recipientTeam: "housing-officers" });
  });

  it("makes one notice when two sweeps run at once", async () => {
    const process = randomUUID();
    const started = new Date("2026-10-05T10:00:00Z");
    await event("ProcessStartedEvent", process, started);
    const clock = createTestClock(new Date(started.getTime() + 20 * DAY));
    await Promise.all([sweepStalledRecords(db(), { clock }), sweepStalledRecords(db(), { clock })]);
    expect(await noticesAbout(process)).toHaveLength(1);
  });

  it("reads its candidates off the partial index of open records, in order, without sorting", async () => {
    const [rule] = await activeStalledRules(db(), createTestClock("2027-01-01T00:00:00Z"));
    const query = unclaimedStalls(db(), rule!, 200).toSQL();
    const plan = await db().transaction(async (tx) => {
      // Ruling out the alternatives leaves an ordered index scan or a sort; only the first is right.
      await tx.execute(sql`set local enable_seqscan = off`);
      await tx.execute(sql`set local enable_bitmapscan = off`);
      await tx.execute(sql`set local enable_sort = off`);
      const explain = sql.raw(
        `explain ${query.sql.replace(/\$(\d+)/g, (_, n) => literal(query.params[Number(n) - 1]))}`,
      );
      return rowsOf<{ "QUERY PLAN": string }>(await tx.execute(explain)).map((row) => row["QUERY PLAN"]);
    });
    expect(plan.join("\n")).toContain("rule_tracked_records_open_idx");
    expect(plan.join("\n")).not.toMatch(/Sort/);
  });
});

const literal = (value: unknown) =>
  typeof value === "number"
    ? String(value)
    : `'${String(value instanceof Date ? value.toISOString() : value).replaceAll("'", "''")}'`;
