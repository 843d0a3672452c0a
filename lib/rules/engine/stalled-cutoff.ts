import type { Duration } from "../time/duration";
import { nominalSeconds, parseDuration } from "../time/duration";
import { addDuration } from "../time/working-time";
import type { TimeMode } from "../time/duration";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The latest last-activity time that counts as stalled at `now`: a record is stalled when its
 * last activity plus `after` (in calendar or working time) has come, so this is the largest t with
 * addDuration(t, after) <= now. addDuration only moves forward with t, so a binary search over
 * milliseconds finds it exactly, bank holidays and clock changes included, without a second
 * implementation of working time running backwards.
 */
export function stalledCutoff(now: Date, after: string, mode: TimeMode): Date {
  const duration = parseDuration(after) as Duration;
  const reaches = (t: number) => addDuration(new Date(t), duration, mode).getTime() <= now.getTime();
  // Working time stretches a duration over nights, weekends and holidays: start well back and widen.
  let span = nominalSeconds(duration) * 1000 * 5 + 30 * DAY_MS;
  let low = now.getTime() - span;
  while (!reaches(low)) {
    span *= 2;
    low = now.getTime() - span;
  }
  let high = now.getTime();
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (reaches(middle)) low = middle;
    else high = middle;
  }
  return new Date(reaches(high) ? high : low);
}

/** How long a record has been quiet, as the Stalled view and the notice say it: "16 days", "3 hours". */
export function quietFor(since: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
  const days = Math.floor(minutes / 1440);
  if (days >= 1) return plural(days, "day");
  const hours = Math.floor(minutes / 60);
  if (hours >= 1) return plural(hours, "hour");
  return plural(minutes, "minute");
}

const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? "" : "s"}`;
