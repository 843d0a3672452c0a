import { durationOf, nominalSeconds, type TimeMode } from "@/lib/rules/time/duration";
import { addDuration } from "@/lib/rules/time/working-time";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The latest start that is due at `now`: the largest t with addDuration(t, duration) <= now, in
 * calendar or working time. Escalations ask it of an item's creation time, stalled rules of a
 * record's last activity, so each sweep asks its index for `<= cutoff` instead of computing a due
 * time per row. addDuration never moves backwards as t moves forwards (a start outside working hours
 * counts from the next opening), so a binary search over milliseconds finds it exactly, bank
 * holidays and clock changes included, without a second implementation of working time running
 * backwards. A few milliseconds, paid once per duration per sweep.
 */
export function dueCutoff(now: Date, duration: string, mode: TimeMode): Date {
  const parts = durationOf(duration);
  const due = (start: number) => addDuration(new Date(start), parts, mode).getTime() <= now.getTime();
  // Working time stretches a duration over nights, weekends and holidays (a working day is a third
  // of a day, Christmas stretches a week): start well back and widen until the bound is due.
  let span = nominalSeconds(parts) * 1000 * 5 + 30 * DAY_MS;
  let low = now.getTime() - span;
  while (!due(low)) {
    span *= 2;
    low = now.getTime() - span;
  }
  let high = now.getTime();
  if (due(high)) return new Date(high);
  // `low` is always due and `high` never, so an item is never early.
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (due(middle)) low = middle;
    else high = middle;
  }
  return new Date(low);
}
