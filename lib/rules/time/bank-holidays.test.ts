import { describe, expect, it } from "vitest";
import { bankHolidaysIn, bankHolidayYears, BankHolidaysMissingError, isBankHoliday } from "./bank-holidays";
import { systemClock } from "./clock";

// Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher), to check the file's Easter dates.
function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}

const isoDay = (date: Date, plusDays = 0) =>
  new Date(date.getTime() + plusDays * 86_400_000).toISOString().slice(0, 10);
const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();

describe("England and Wales bank holidays file", () => {
  it("covers this year and next, the years working time is counted in", () => {
    const year = systemClock.now().getUTCFullYear();
    expect(bankHolidayYears).toContain(year);
    expect(bankHolidayYears).toContain(year + 1);
  });

  describe.each(bankHolidayYears)("%i", (year) => {
    const dates = bankHolidaysIn(year);

    it("has the 8 bank holidays of a normal year, all in that year, sorted and distinct", () => {
      expect(dates).toHaveLength(8);
      expect(dates.every((date) => date.startsWith(`${year}-`))).toBe(true);
      expect([...new Set(dates)].sort()).toEqual(dates);
    });

    it("puts every one on a weekday (weekend dates have substitutes)", () => {
      for (const date of dates) expect([1, 2, 3, 4, 5]).toContain(weekday(date));
    });

    it("has Good Friday and Easter Monday", () => {
      const easter = easterSunday(year);
      expect(dates).toContain(isoDay(easter, -2));
      expect(dates).toContain(isoDay(easter, 1));
    });

    it("has two Christmas days on or after the 25th, and New Year's Day or its substitute", () => {
      expect(dates.filter((date) => date >= `${year}-12-25`)).toHaveLength(2);
      expect(dates[0]! <= `${year}-01-03`).toBe(true);
    });

    it("has the early May, spring and summer Mondays", () => {
      const mondays = dates.filter((date) => weekday(date) === 1);
      expect(mondays.filter((date) => date.slice(5, 7) === "05")).toHaveLength(2);
      expect(mondays.filter((date) => date.slice(5, 7) === "08")).toHaveLength(1);
    });
  });

  it("refuses a year it does not hold rather than counting it as holiday-free", () => {
    expect(() => isBankHoliday("2099-12-25")).toThrow(BankHolidaysMissingError);
    expect(isBankHoliday("2026-12-28")).toBe(true);
    expect(isBankHoliday("2026-12-26")).toBe(false);
  });
});
