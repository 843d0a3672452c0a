import { ApiError } from "@/lib/api/errors";
import {
  addCivilDays,
  civilDateIso,
  startOfLondonDay,
  toLondonWallTime,
  type CivilDate,
} from "@/lib/rules/time/london-time";

// A subscription's expiresOn is a calendar day in Europe/London (seed 002 says a date without a zone
// is local time); it runs to the end of that day. At most one year ahead: later, or none, is one year.

function parseDay(day: string): CivilDate {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return { year, month, day: date };
}

function londonToday(now: Date): CivilDate {
  const { year, month, day } = toLondonWallTime(now);
  return { year, month, day };
}

/** Today's date next year in London; 29 February becomes 28 February. */
export function latestExpiresOn(now: Date): string {
  const today = londonToday(now);
  const nextYear = { ...today, year: today.year + 1 };
  if (today.month === 2 && today.day === 29) nextYear.day = 28;
  return civilDateIso(nextYear);
}

/**
 * The day to store for a requested expiresOn: a date as given, a date and time as the London day it
 * falls on, capped at one year ahead. A day already past is a 400 at `expiresOn`.
 */
export function resolveExpiresOn(requested: string | undefined, now: Date): string {
  const latest = latestExpiresOn(now);
  if (requested === undefined) return latest;
  const day = requested.length === 10 ? requested : civilDateIso(londonToday(new Date(requested)));
  if (day < civilDateIso(londonToday(now)))
    throw new ApiError("bad_request", "The request is not valid: check expiresOn", {
      errors: [{ path: "expiresOn", message: "Must be today or later (Europe/London)" }],
    });
  return day > latest ? latest : day;
}

/** The instant a subscription stops: midnight in London at the end of its expiresOn. */
export function expiresAt(expiresOn: string): Date {
  return startOfLondonDay(addCivilDays(parseDay(expiresOn), 1));
}
