import type { CreateVisitBody } from "@/lib/visits/contract";
import { demoIds } from "./demo-people";

const minute = 60_000;
const day = 24 * 60 * minute;

/**
 * Two booked visits timed from the moment the demo is seeded, so the reminder rules have something
 * to do within minutes: Rosa (who prefers email) is visited a day and a quarter of an hour from
 * now, so her 1-day reminder goes in about 15 minutes (and Hana's inbox reminder at 08:00 on the
 * working day before, straight away if that time has passed); Tom (who prefers letters) a week
 * and a quarter of an hour from now, so his 7-day letter goes then. Times are whole quarter hours.
 */
export function demoVisits(now: Date, officerUserId: string): CreateVisitBody[] {
  const quarterHour = 15 * minute;
  const at = (offset: number) => new Date(Math.ceil((now.getTime() + offset) / quarterHour) * quarterHour);
  const visit = (personId: string, propertyId: string, startsAt: Date, kind: string): CreateVisitBody => ({
    propertyId,
    personId,
    officerUserId,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 60 * minute).toISOString(),
    kind,
  });
  return [
    visit(demoIds.rosaPerson, demoIds.rosaProperty, at(day + quarterHour), "gas safety check"),
    visit(demoIds.tomPerson, demoIds.tomProperty, at(7 * day + quarterHour), "tenancy visit"),
  ];
}
