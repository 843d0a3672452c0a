import { isBankHoliday } from "./bank-holidays";
import {
  addCivilDays,
  civilDateIso,
  civilWeekday,
  fromLondonWallTime,
  startOfLondonDay,
  toLondonWallTime,
  type CivilDate,
} from "./london-time";
import { durationOf, type Duration, type TimeMode } from "./duration";

export const workingDayStartHour = 9;
export const workingDayEndHour = 17;
const workingDayMilliseconds = (workingDayEndHour - workingDayStartHour) * 3_600_000;

export function isWorkingDay(date: CivilDate): boolean {
  const weekday = civilWeekday(date);
  return weekday !== 0 && weekday !== 6 && !isBankHoliday(civilDateIso(date));
}

/** A working day's opening and closing instants (correct on both sides of a clock change). */
function workingHours(date: CivilDate): { opens: Date; closes: Date } {
  return { opens: startOfLondonDay(date, workingDayStartHour), closes: startOfLondonDay(date, workingDayEndHour) };
}

/**
 * Moves on `milliseconds` of working time from `start`. A start outside working hours counts from
 * the next opening; an end that falls exactly on a closing time stays there (Friday 16:00 + PT1H is
 * Friday 17:00, + PT2H is Monday 10:00).
 */
function addWorkingMilliseconds(start: Date, milliseconds: number): Date {
  let remaining = milliseconds;
  let date: CivilDate = toLondonWallTime(start);
  let cursor = start.getTime();
  // A year holds about 250 working days; the bound stops a bug from looping for ever.
  for (let guard = 0; guard < 2_000; guard += 1, date = addCivilDays(date, 1)) {
    if (!isWorkingDay(date)) continue;
    const { opens, closes } = workingHours(date);
    cursor = Math.max(cursor, opens.getTime());
    const available = closes.getTime() - cursor;
    if (available <= 0) continue;
    if (remaining <= available) return new Date(cursor + remaining);
    remaining -= available;
  }
  throw new Error("Working time did not end within 2,000 days");
}

/**
 * In working time a day is a working day of 8 hours and a week 5 of them; years and months have
 * no working-time meaning, so they are counted as calendar time first (P1M working = a calendar
 * month on, then the rest in working time).
 */
function workingMilliseconds(duration: Duration): number {
  const hours = (duration.weeks * 5 + duration.days) * (workingDayMilliseconds / 3_600_000) + duration.hours;
  return ((hours * 60 + duration.minutes) * 60 + duration.seconds) * 1000;
}

/**
 * Calendar time as a Londoner reads it: years, months, weeks and days move the wall-clock date (so
 * P1D is "the same time tomorrow" across a clock change), hours and smaller are elapsed time.
 */
function addCalendar(start: Date, duration: Pick<Duration, "years" | "months" | "weeks" | "days">): Date {
  if (duration.years === 0 && duration.months === 0 && duration.weeks === 0 && duration.days === 0) return start;
  const wall = toLondonWallTime(start);
  const monthIndex = wall.year * 12 + (wall.month - 1) + duration.years * 12 + duration.months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  // 31 January + P1M is 28 (or 29) February, as Temporal's "constrain" has it.
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const date = addCivilDays({ year, month, day: Math.min(wall.day, lastDay) }, duration.weeks * 7 + duration.days);
  return fromLondonWallTime({ ...wall, ...date });
}

/** The instant a duration after `start`, counted in calendar or working time. */
export function addDuration(start: Date, duration: string | Duration, mode: TimeMode): Date {
  const parts = typeof duration === "string" ? durationOf(duration) : duration;
  const elapsed = ((parts.hours * 60 + parts.minutes) * 60 + parts.seconds) * 1000;
  if (mode === "calendar") return new Date(addCalendar(start, parts).getTime() + elapsed);
  const afterMonths = addCalendar(start, { years: parts.years, months: parts.months, weeks: 0, days: 0 });
  return addWorkingMilliseconds(afterMonths, workingMilliseconds({ ...parts, years: 0, months: 0 }));
}

/** Working time (milliseconds) between two instants; negative when `to` is before `from`. */
export function workingDurationBetween(from: Date, to: Date): number {
  if (to < from) return -workingDurationBetween(to, from);
  let total = 0;
  let date: CivilDate = toLondonWallTime(from);
  for (;;) {
    const dayStart = startOfLondonDay(date);
    if (dayStart >= to) return total;
    if (isWorkingDay(date)) {
      const { opens, closes } = workingHours(date);
      const overlap = Math.min(closes.getTime(), to.getTime()) - Math.max(opens.getTime(), from.getTime());
      if (overlap > 0) total += overlap;
    }
    date = addCivilDays(date, 1);
  }
}
