import type { Visit } from "@/db/schema";
import type { PublishedEvent } from "./publish";

/**
 * visit.reminded: a reminder of a visit went out (the visit-reminder rule). Its id is the reminder's
 * notification, made once per visit, offset and start (the rule step's claim). Heard by clients that
 * may list visits (mayReadVisits).
 */
export function visitRemindedEvent(
  visit: Pick<Visit, "id" | "propertyId" | "officerUserId" | "startsAt" | "kind">,
  reminder: { notificationId: string; at: Date },
): PublishedEvent {
  return {
    type: "visit.reminded",
    id: reminder.notificationId,
    at: reminder.at,
    data: {
      visitId: visit.id,
      propertyId: visit.propertyId,
      officerUserId: visit.officerUserId,
      startsAt: visit.startsAt.toISOString(),
      kind: visit.kind,
    },
    access: { kind: "visits" },
  };
}
