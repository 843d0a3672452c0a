import { and, asc, eq, gte, lt } from "drizzle-orm";
import type { Database } from "@/db/client";
import { visits, type Visit } from "@/db/schema";

// For the rules (visit reminders, the cautionary-contact rule): booked visits only, never a
// cancelled one, starting in [from, to), earliest first.

/** The booked visits at one property starting in [from, to): whose officers hear of a new cautionary contact there. */
export function listVisitsAtProperty(db: Database, propertyId: string, from: Date, to: Date): Promise<Visit[]> {
  return db
    .select()
    .from(visits)
    .where(
      and(
        eq(visits.propertyId, propertyId),
        eq(visits.status, "booked"),
        gte(visits.startsAt, from),
        lt(visits.startsAt, to),
      ),
    )
    .orderBy(asc(visits.startsAt), asc(visits.id));
}

/** Every booked visit starting in [from, to): what the reminder sweep works through. */
export function listUpcomingVisits(db: Database, from: Date, to: Date): Promise<Visit[]> {
  return db
    .select()
    .from(visits)
    .where(and(eq(visits.status, "booked"), gte(visits.startsAt, from), lt(visits.startsAt, to)))
    .orderBy(asc(visits.startsAt), asc(visits.id));
}
