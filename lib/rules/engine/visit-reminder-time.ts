import type { ReminderRule } from "@/lib/rules/definitions";
import { addCivilDays, fromLondonWallTime, toLondonWallTime, type CivilDate } from "@/lib/rules/time/london-time";
import { durationOf } from "@/lib/rules/time/duration";
import { isWorkingDay } from "@/lib/rules/time/working-time";

/**
 * When a reminder rule's offset sends its reminder for a visit starting at `startsAt`.
 *
 * An offset is read as "which day, then which time": its days and weeks (and months and years)
 * step back from the visit's London date — calendar days, or in working time working days
 * (Monday–Friday, bank holidays skipped, a week being 5 of them); the time of day is the rule's
 * `at` when it names one, else the visit's own time of day; an offset's hours and minutes then
 * come off as elapsed time. So P7D calendar is "this time next week" back (a clock change keeps
 * the wall-clock time), and P1D working at 08:00 is 08:00 on the working day before (a visit on
 * Monday: Friday; on the Tuesday after Easter Monday: the Thursday before).
 */
export function visitReminderTime(rule: Pick<ReminderRule, "timeMode" | "at">, offset: string, startsAt: Date): Date {
  const parts = durationOf(offset);
  const visit = toLondonWallTime(startsAt);
  // Months and years have no working-time meaning: both modes move the calendar for them.
  let date = monthsBack({ year: visit.year, month: visit.month, day: visit.day }, parts.years * 12 + parts.months);
  if (rule.timeMode === "working") date = workingDaysBack(date, parts.weeks * 5 + parts.days);
  else date = addCivilDays(date, -(parts.weeks * 7 + parts.days));
  const [hour, minute] = rule.at ? rule.at.split(":").map(Number) : [visit.hour, visit.minute];
  const second = rule.at ? 0 : visit.second;
  const millisecond = rule.at ? 0 : visit.millisecond;
  const day = fromLondonWallTime({ ...date, hour: hour!, minute: minute!, second, millisecond });
  const elapsed = ((parts.hours * 60 + parts.minutes) * 60 + parts.seconds) * 1000;
  return new Date(day.getTime() - elapsed);
}

/** The same day of the month `months` earlier (31 March back one month is 28 or 29 February). */
function monthsBack(date: CivilDate, months: number): CivilDate {
  if (months === 0) return date;
  const index = date.year * 12 + (date.month - 1) - months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { year, month, day: Math.min(date.day, lastDay) };
}

/** The `count`th working day before `date` (0: `date` itself, whatever day it is). */
function workingDaysBack(date: CivilDate, count: number): CivilDate {
  let cursor = date;
  // A bound so a bug cannot loop for ever: 5 offsets of a year at most, about 260 working days each.
  for (let left = count, guard = 0; left > 0 && guard < 2_000; guard += 1) {
    cursor = addCivilDays(cursor, -1);
    if (isWorkingDay(cursor)) left -= 1;
  }
  return cursor;
}

/**
 * How far ahead of now a visit can start and still have this offset's reminder due: the sweep looks
 * no further. Generous (working days are counted as two calendar days, plus a week for holidays),
 * as the exact time is worked out per visit.
 */
export function reminderHorizonDays(rule: Pick<ReminderRule, "timeMode">, offset: string): number {
  const parts = durationOf(offset);
  const days = parts.years * 366 + parts.months * 31 + parts.weeks * 7 + parts.days + 1;
  return rule.timeMode === "working" ? days * 2 + 7 : days + 1;
}
