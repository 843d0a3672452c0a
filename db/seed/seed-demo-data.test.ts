import { asc, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { notifications, roles, teams, visits } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { findClientCallerByKey } from "@/lib/auth/api-clients";
import { findPersonCaller, listDemoUsers } from "@/lib/auth/people";
import { allScopes } from "@/lib/auth/scopes";
import { rulesCaller } from "@/lib/rules/engine/rules-caller";
import { sweepVisitReminders } from "@/lib/rules/engine/visit-reminders";
import { createTestClock } from "@/lib/rules/time/clock";
import { demoIds } from "./demo-people";
import { seedDemoData } from "./seed-demo-data";

const database = setUpTestDatabase();
const demoApiKey = "nck_demo-key-for-tests-0123456789";

describe("seedDemoData", () => {
  it("seeds teams, a person for every role, residents with their records, and the demo-service client", async () => {
    const { db } = database.handle;
    const result = await seedDemoData(db, { demoApiKey });
    expect(result).toEqual({ seeded: true, demoApiKey, keyWasGenerated: false });

    const people = await listDemoUsers(db);
    for (const role of roles) expect(people.some((person) => person.roles.includes(role))).toBe(true);
    expect(people[0]!.roles).toContain("finance-officer");
    const residents = people.filter((person) => person.roles.includes("resident"));
    expect(residents).toHaveLength(2);
    for (const resident of residents) {
      expect(resident.personId).toMatch(/^[0-9a-f-]{36}$/);
      expect(resident.tenureIds[0]).toMatch(/^[0-9a-f-]{36}$/);
    }

    const teamKeys = (await db.select().from(teams)).map((team) => team.key);
    expect(teamKeys).toEqual(expect.arrayContaining(["finance", "repairs", "rcc", "dlo", "housing-officers"]));
    const financeOfficer = people.find((person) => person.roles.includes("finance-officer"))!;
    expect((await findPersonCaller(db, financeOfficer.id))!.teams).toContain("finance");
    const financeManager = people.find((person) => person.roles.includes("finance-manager"))!;
    expect((await findPersonCaller(db, financeManager.id))!.teams).toContain("finance");

    const client = await findClientCallerByKey(db, demoApiKey);
    expect(client).toMatchObject({ name: "demo-service", scopes: [...allScopes] });
  });

  it("books two visits with no reminder due yet, whose 7-day reminders go to Rosa by email and Tom by letter", async () => {
    const { db } = database.handle;
    const booked = await db.select().from(visits).orderBy(asc(visits.startsAt));
    expect(booked.map((visit) => [visit.propertyId, visit.status])).toEqual([
      [demoIds.rosaProperty, "booked"],
      [demoIds.tomProperty, "booked"],
    ]);
    const rules = await rulesCaller(db);
    const remindersMade = () =>
      db.select({ id: notifications.id }).from(notifications).where(eq(notifications.createdByClientId, rules.id));
    await sweepVisitReminders(db, { clock: createTestClock(new Date()) });
    expect(await remindersMade()).toEqual([]);
    await sweepVisitReminders(db, { clock: createTestClock(new Date(Date.now() + 8 * 24 * 60 * 60_000)) });
    const made = await db
      .select({ type: notifications.notificationType, targetId: notifications.targetId })
      .from(notifications)
      .where(inArray(notifications.notificationType, ["Email", "Letter"]));
    expect(made).toEqual(
      expect.arrayContaining([
        { type: "Email", targetId: demoIds.rosaProperty },
        { type: "Letter", targetId: demoIds.tomProperty },
      ]),
    );
  });

  it("leaves a database that already has people alone", async () => {
    const { db } = database.handle;
    const before = await listDemoUsers(db);
    await expect(seedDemoData(db)).resolves.toEqual({ seeded: false });
    expect(await listDemoUsers(db)).toHaveLength(before.length);
  });
});
