import type { CreateVisitBody } from "@/lib/visits/contract";
import { demoIds } from "./demo-people";

const minute = 60_000;
const day = 24 * 60 * minute;

/**
 * Two booked visits timed from the moment the demo is seeded, far enough ahead that no reminder is
 * due when it starts: a reminder due at once would land in Rosa's, Tom's and Hana's inboxes and the
 * outbox while a journey is counting them, and whether the officer's 08:00 one was due would hang on
 * the weekday. Rosa (who prefers email) is visited in 10 days, so her 7-day email goes in 3 days;
 * Tom (who prefers letters) in 14 days, his 7-day letter in 7. Times are whole quarter hours.
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
    visit(demoIds.rosaPerson, demoIds.rosaProperty, at(10 * day), "gas safety check"),
    visit(demoIds.tomPerson, demoIds.tomProperty, at(14 * day), "tenancy visit"),
  ];
}
