// The operations view counts by calendar day in the council's own time zone, so "today" starts at
// midnight in London whatever the server's clock says.

export const operationsTimeZone = "Europe/London";

const dayFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: operationsTimeZone,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The London calendar day of an instant, as YYYY-MM-DD. */
export function londonDay(at: Date): string {
  return dayFormat.format(at);
}

/** The last `count` London days up to and including `now`'s, oldest first, as YYYY-MM-DD. */
export function lastDays(now: Date, count: number): string[] {
  const today = new Date(`${londonDay(now)}T12:00:00Z`);
  return Array.from({ length: count }, (_, index) => {
    const day = new Date(today);
    day.setUTCDate(today.getUTCDate() - (count - 1 - index));
    return day.toISOString().slice(0, 10);
  });
}
