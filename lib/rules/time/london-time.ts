/**
 * Wall-clock time in Europe/London, through Intl alone (no date library: the two conversions below
 * are all working time needs). A "civil date" is a calendar day with no time zone.
 */
export const councilTimeZone = "Europe/London";

export type CivilDate = { year: number; month: number; day: number };
export type WallTime = CivilDate & { hour: number; minute: number; second: number; millisecond: number };

const formatter = new Intl.DateTimeFormat("en-GB", {
  timeZone: councilTimeZone,
  hourCycle: "h23",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  second: "numeric",
});

/** The London wall-clock reading of an instant. */
export function toLondonWallTime(instant: Date): WallTime {
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((part) => [part.type, part.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: instant.getUTCMilliseconds(),
  };
}

const asUtc = (wall: WallTime) =>
  Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);

/** London's offset from UTC at an instant, in milliseconds (0 in winter, one hour in summer). */
function offsetAt(instant: number): number {
  return asUtc(toLondonWallTime(new Date(instant))) - instant;
}

const day = 86_400_000;

/**
 * The instant London's clocks read this wall time. In the autumn repeat the earlier of the two
 * readings is taken; in the spring-forward gap the time is read with the offset before the change
 * (01:30 becomes 02:30 BST), as Temporal's "compatible" disambiguation does.
 */
export function fromLondonWallTime(wall: WallTime): Date {
  const guess = asUtc(wall);
  const before = offsetAt(guess - day);
  const after = offsetAt(guess + day);
  const candidates = [...new Set([before, after])]
    .sort((a, b) => b - a)
    .filter((offset) => offsetAt(guess - offset) === offset);
  return new Date(guess - (candidates[0] ?? before));
}

export function startOfLondonDay(date: CivilDate, hour = 0): Date {
  return fromLondonWallTime({ ...date, hour, minute: 0, second: 0, millisecond: 0 });
}

/** The calendar day after (or `days` after), months and years rolling over. */
export function addCivilDays(date: CivilDate, days: number): CivilDate {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

export function civilDateIso(date: CivilDate): string {
  return `${date.year}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

/** 0 = Sunday … 6 = Saturday. */
export function civilWeekday(date: CivilDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}
