import { durationOf, type TimeMode } from "@/lib/rules/time/duration";

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
