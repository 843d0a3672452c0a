// Words for the dashboard's figures, shared by its tables and its charts so both say the same.

/** "45 seconds", "12 minutes", "3 hours", "2 days": the largest whole unit. */
export function formatAge(seconds: number): string {
  const units: [number, string][] = [
    [86_400, "day"],
    [3_600, "hour"],
    [60, "minute"],
  ];
  for (const [size, name] of units) {
    if (seconds >= size) {
      const count = Math.floor(seconds / size);
      return `${count} ${name}${count === 1 ? "" : "s"}`;
    }
  }
  const count = Math.max(0, Math.round(seconds));
  return `${count} second${count === 1 ? "" : "s"}`;
}

/** 0.1234 → "12.3%"; null (nothing finished yet) → "none finished". */
export function formatRate(rate: number | null): string {
  return rate === null ? "none finished" : `${(rate * 100).toFixed(1)}%`;
}

const dayLabel = new Intl.DateTimeFormat("en-GB", {
  weekday: "short",
  day: "numeric",
  month: "short",
  timeZone: "UTC",
});

/** "2026-12-02" → "Wed 2 Dec". */
export function formatDay(day: string): string {
  return dayLabel.format(new Date(`${day}T12:00:00Z`));
}

export const outcomeLabels = {
  delivered: "Delivered",
  inProgress: "In progress",
  failed: "Failed",
  cancelled: "Cancelled",
} as const;
