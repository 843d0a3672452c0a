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
