import { z } from "zod";

/**
 * ISO 8601 durations as rules use them: whole numbers of years, months, weeks, days, hours,
 * minutes and seconds (`PT1M` … `P1Y`). Fractions are refused: "P0.5D" in working time has no
 * answer a council officer would agree on.
 */
export type Duration = {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
};

const pattern = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** The parts of an ISO 8601 duration, or null when the text is not one (or has fractions). */
export function parseDuration(text: string): Duration | null {
  const match = pattern.exec(text);
  if (!match || text === "P" || text.endsWith("T")) return null;
  const [years, months, weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0));
  return {
    years: years!,
    months: months!,
    weeks: weeks!,
    days: days!,
    hours: hours!,
    minutes: minutes!,
    seconds: seconds!,
  };
}

// The bounds are compared on a nominal scale: a year is 365 days and a month 30, so P1Y, P12M,
// P52W and P365D pass and P13M or P366D do not, whatever date they are later added to.
export const nominalSeconds = (duration: Duration) =>
  (((duration.years * 365 + duration.months * 30 + duration.weeks * 7 + duration.days) * 24 + duration.hours) * 60 +
    duration.minutes) *
    60 +
  duration.seconds;

export const minimumDurationSeconds = 60;
export const maximumDurationSeconds = 365 * 24 * 60 * 60;

/** A duration in a rule's definition: kept as the text the admin wrote, checked here. */
export const durationSchema = z.string().superRefine((text, context) => {
  const duration = parseDuration(text);
  if (!duration) {
    context.addIssue({
      code: "custom",
      message: `"${text.slice(0, 40)}" is not an ISO 8601 duration such as PT30M, PT4H, P2D, P2W or P1M (whole numbers only)`,
    });
    return;
  }
  const seconds = nominalSeconds(duration);
  if (seconds < minimumDurationSeconds)
    context.addIssue({ code: "custom", message: "Must be at least 1 minute (PT1M)" });
  if (seconds > maximumDurationSeconds) context.addIssue({ code: "custom", message: "Must be at most 1 year (P1Y)" });
});

/** Calendar time runs round the clock; working time only Monday–Friday 09:00–17:00 London time, bank holidays excepted. */
export const timeModes = ["calendar", "working"] as const;
export type TimeMode = (typeof timeModes)[number];
export const timeModeSchema = z.enum(timeModes, { error: 'Must be "calendar" or "working"' });

/** Parses a duration already validated by durationSchema; throws on anything else (a programming error). */
export function durationOf(text: string): Duration {
  const duration = parseDuration(text);
  if (!duration) throw new Error(`Not an ISO 8601 duration: ${text}`);
  return duration;
}
