import { durationOf, nominalSeconds, type TimeMode } from "@/lib/rules/time/duration";
import { addDuration } from "@/lib/rules/time/working-time";

const day = 86_400_000;

/**
 * The latest creation time an item may have and be due at `now`: the largest t with
 * addDuration(t, duration) <= now. addDuration never moves backwards as t moves forwards (a start
 * outside working hours counts from the next opening), so a binary search finds it, and the sweep
 * can ask the index for `created_at <= cutoff` instead of computing a due time per row.
 */
export function dueCutoff(now: Date, duration: string, mode: TimeMode): Date {
  const parts = durationOf(duration);
  const due = (start: number) => addDuration(new Date(start), parts, mode).getTime() <= now.getTime();
  // Far enough back that the bound is due: the nominal length, five times over (working days are
  // a third of a day, weekends and Christmas stretch them), plus three weeks.
  let low = now.getTime() - nominalSeconds(parts) * 1000 * 5 - 21 * day;
  while (!due(low)) low -= 30 * day;
  let high = now.getTime();
  if (due(high)) return new Date(high);
  // To the millisecond (`low` is always due, so an item is never early): a few milliseconds, paid
  // once per duration per sweep (see cutoffsAt in escalations.ts).
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (due(middle)) low = middle;
    else high = middle;
  }
  return new Date(low);
}

const units: [keyof ReturnType<typeof durationOf>, string][] = [
  ["years", "year"],
  ["months", "month"],
  ["weeks", "week"],
  ["days", "day"],
  ["hours", "hour"],
  ["minutes", "minute"],
  ["seconds", "second"],
];

/** "2 working days", "1 day and 4 hours", "3 working hours": how long nobody acted, as the item says it. */
export function describeDuration(duration: string, mode: TimeMode): string {
  const parts = durationOf(duration);
  const words = units
    .filter(([unit]) => parts[unit] > 0)
    .map(([unit, name], index) => {
      const count = parts[unit];
      const working = mode === "working" && index === 0 ? "working " : "";
      return `${count} ${working}${name}${count === 1 ? "" : "s"}`;
    });
  if (words.length <= 1) return words[0] ?? "no time";
  return `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}
