import { describe, expect, it } from "vitest";
import { reminderHorizonDays, visitReminderTime } from "./visit-reminder-time";

// When each seeded reminder goes: the resident's 7 days and 1 day before in calendar time, the
// officer's at 08:00 London time on the working day before.

const resident = { timeMode: "calendar" as const };
const officer = { timeMode: "working" as const, at: "08:00" };
const iso = (at: Date) => at.toISOString();

describe("visitReminderTime", () => {
  it("puts the resident's reminders 7 days and 1 day before, at the visit's London time of day", () => {
    const visit = new Date("2027-01-12T10:30:00Z");
    expect(iso(visitReminderTime(resident, "P7D", visit))).toBe("2027-01-05T10:30:00.000Z");
    expect(iso(visitReminderTime(resident, "P1D", visit))).toBe("2027-01-11T10:30:00.000Z");
  });

  it("keeps the wall-clock time across a clock change (10:00 BST visit, reminder 10:00 GMT a week before)", () => {
    // Clocks go forward on Sunday 28 March 2027.
    const visit = new Date("2027-03-30T09:00:00Z"); // 10:00 BST
    expect(iso(visitReminderTime(resident, "P7D", visit))).toBe("2027-03-23T10:00:00.000Z"); // 10:00 GMT
  });

  it("reminds the officer of a Monday visit at 08:00 on the Friday before", () => {
    const monday = new Date("2027-01-11T10:00:00Z");
    expect(iso(visitReminderTime(officer, "P1D", monday))).toBe("2027-01-08T08:00:00.000Z");
  });

  it("skips Easter: a visit on the Tuesday after Easter Monday is reminded on the Thursday before", () => {
    const tuesday = new Date("2027-03-30T09:00:00Z");
    expect(iso(visitReminderTime(officer, "P1D", tuesday))).toBe("2027-03-25T08:00:00.000Z");
  });

  it("uses the London date of the visit, not the UTC one (00:30 BST is the day after in London)", () => {
    const justAfterMidnight = new Date("2027-06-08T23:30:00Z"); // Wednesday 9 June 00:30 BST
    expect(iso(visitReminderTime(officer, "P1D", justAfterMidnight))).toBe("2027-06-08T07:00:00.000Z"); // Tue 08:00 BST
  });

  it("takes hours off as elapsed time", () => {
    const visit = new Date("2027-01-12T10:30:00Z");
    expect(iso(visitReminderTime(resident, "PT2H", visit))).toBe("2027-01-12T08:30:00.000Z");
  });

  it("looks far enough ahead for every offset", () => {
    expect(reminderHorizonDays(resident, "P7D")).toBeGreaterThanOrEqual(8);
    // The working day before can be 5 calendar days before (Easter); the horizon covers it.
    expect(reminderHorizonDays(officer, "P1D")).toBeGreaterThanOrEqual(6);
  });
});
