import { councilTimeZone } from "@/lib/rules/time/london-time";

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: councilTimeZone,
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
});
const timeFormat = new Intl.DateTimeFormat("en-GB", { timeZone: councilTimeZone, hour: "2-digit", minute: "2-digit" });

/** "Tuesday 8 December 2026" (GOV.UK style, no comma whatever ICU does) and "10:00", as London reads the instant. */
export function londonDateAndTime(at: Date): { date: string; time: string } {
  const part = Object.fromEntries(dateFormat.formatToParts(at).map(({ type, value }) => [type, value]));
  return { date: `${part.weekday} ${part.day} ${part.month} ${part.year}`, time: timeFormat.format(at) };
}

export type VisitFacts = { kind: string; startsAt: Date; property: string; residentName: string };

/** The resident's reminder: what, when (London time), where, and to be in. */
export function residentReminderText(visit: VisitFacts): string {
  const { date, time } = londonDateAndTime(visit.startsAt);
  return `Reminder: your ${visit.kind} visit at ${visit.property} is on ${date} at ${time}. Please make sure you are at home.`;
}

/** The officer's inbox reminder the working day before. */
export function officerReminderText(visit: VisitFacts): string {
  const { date, time } = londonDateAndTime(visit.startsAt);
  return `Visit reminder: ${visit.kind} at ${visit.property} with ${visit.residentName} on ${date} at ${time}`;
}

/** Where the visit is, in words: the resident's address when the directory has one. */
export function propertyInWords(addressLines: string[], postcode: string | null): string {
  const lines = [...addressLines.slice(0, 2), ...(postcode ? [postcode] : [])];
  return lines.length > 0 ? lines.join(", ") : "your home";
}
