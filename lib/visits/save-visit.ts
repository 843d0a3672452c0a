import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { visits, type Visit } from "@/db/schema";
import { recordActivities } from "@/lib/activity/record-activity";
import { ApiError, type FieldError } from "@/lib/api/errors";
import { actorOf } from "@/lib/auth/actor";
import type { Caller } from "@/lib/auth/caller";
import { authorize, mayManageVisits, mayReadVisit } from "@/lib/auth/policies";
import { cancelVisitReminders } from "./cancel-visit-reminders";
import type { CreateVisitBody, UpdateVisitBody, VisitResponse } from "./contract";
import { officerProblems, resolveResident } from "./people-checks";
import { findVisit, toVisitResponse } from "./read-visits";

// Booking, rescheduling and cancelling visits, each in the caller's transaction with its entry in
// the property's activity history (targetType asset: a visit is part of the property's timeline,
// which housing and repairs staff already read; lib/activity/describe-change.ts labels its fields).

function invalid(problems: FieldError[]): ApiError {
  return new ApiError("bad_request", `The request is not valid: check ${problems.map((p) => p.path).join(", ")}`, {
    errors: problems,
  });
}

/**
 * What a visit's history entry records of it, under names of their own (the property's timeline
 * holds the property's own fields too): times as ISO strings, people by directory id.
 */
function recordOf(visit: Partial<Visit>) {
  return Object.fromEntries(
    Object.entries({
      visitId: visit.id,
      visitKind: visit.kind,
      visitStartsAt: visit.startsAt?.toISOString(),
      visitEndsAt: visit.endsAt?.toISOString(),
      visitOfficerUserId: visit.officerUserId,
      visitResidentUserId: visit.residentUserId,
      visitStatus: visit.status,
    }).filter(([, value]) => value !== undefined),
  );
}

// Always an update: booking a visit changes the property's record, it does not create the property.
async function audit(
  tx: Database,
  caller: Caller,
  propertyId: string,
  oldData: Record<string, unknown> | null,
  newData: Record<string, unknown>,
) {
  await recordActivities(tx, caller, [
    { targetType: "asset", targetId: propertyId, type: "update", oldData, newData, sourceDomain: "Visits" },
  ]);
}

/** Books a visit: the resident and officer checked against the directory, every problem named by field. */
export async function createVisit(tx: Database, caller: Caller, body: CreateVisitBody): Promise<VisitResponse> {
  authorize(caller, mayManageVisits);
  const resident = await resolveResident(tx, body);
  const problems = [
    ...("problem" in resident ? [resident.problem] : []),
    ...(await officerProblems(tx, body.officerUserId)),
  ];
  if ("problem" in resident || problems.length > 0) throw invalid(problems);
  const [visit] = await tx
    .insert(visits)
    .values({
      propertyId: body.propertyId,
      residentUserId: resident.userId,
      officerUserId: body.officerUserId,
      startsAt: new Date(body.startsAt),
      endsAt: new Date(body.endsAt),
      kind: body.kind,
      createdBy: actorOf(caller).name,
    })
    .returning();
  await audit(tx, caller, visit!.propertyId, null, recordOf(visit!));
  return toVisitResponse((await findVisit(tx, visit!.id))!);
}

/** The visit, locked for this change, after the read and manage checks (404 before 403). */
async function visitToChange(tx: Database, caller: Caller, id: string): Promise<Visit> {
  const [visit] = await tx.select().from(visits).where(eq(visits.id, id)).for("update");
  if (!visit) throw new ApiError("not_found", "No visit with this id");
  authorize(caller, mayReadVisit, visit);
  authorize(caller, mayManageVisits);
  return visit;
}

/** Moves a booked visit to another time or officer. A cancelled visit stays cancelled (409). */
export async function rescheduleVisit(
  tx: Database,
  caller: Caller,
  id: string,
  body: UpdateVisitBody,
): Promise<VisitResponse> {
  const before = await visitToChange(tx, caller, id);
  if (before.status === "cancelled")
    throw new ApiError("conflict", "This visit was cancelled: book a new one instead of moving it");
  const startsAt = body.startsAt ? new Date(body.startsAt) : before.startsAt;
  const endsAt = body.endsAt ? new Date(body.endsAt) : before.endsAt;
  const problems: FieldError[] = [];
  if (endsAt <= startsAt)
    problems.push({
      path: body.endsAt ? "endsAt" : "startsAt",
      message: body.endsAt ? "Must be after startsAt" : `Must be before the visit's end, ${endsAt.toISOString()}`,
    });
  if (body.officerUserId) problems.push(...(await officerProblems(tx, body.officerUserId)));
  if (problems.length > 0) throw invalid(problems);

  const changes: Partial<Visit> = {};
  if (startsAt.getTime() !== before.startsAt.getTime()) changes.startsAt = startsAt;
  if (endsAt.getTime() !== before.endsAt.getTime()) changes.endsAt = endsAt;
  if (body.officerUserId && body.officerUserId !== before.officerUserId) changes.officerUserId = body.officerUserId;
  if (Object.keys(changes).length > 0) {
    await tx
      .update(visits)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(visits.id, id));
    const old = Object.fromEntries(Object.keys(changes).map((key) => [key, before[key as keyof Visit]]));
    await audit(tx, caller, before.propertyId, recordOf({ id, ...old }), recordOf({ id, ...changes }));
    // Reminders made for the old time or officer and not yet sent go; the new time gets its own.
    await cancelVisitReminders(tx, caller, id, {
      startsAt,
      officerUserId: changes.officerUserId ?? before.officerUserId,
    });
  }
  return toVisitResponse((await findVisit(tx, id))!);
}

/** Cancels a visit; it is kept, with status cancelled. Cancelling it again changes nothing. */
export async function cancelVisit(tx: Database, caller: Caller, id: string): Promise<VisitResponse> {
  const before = await visitToChange(tx, caller, id);
  if (before.status !== "cancelled") {
    await tx.update(visits).set({ status: "cancelled", updatedAt: new Date() }).where(eq(visits.id, id));
    const was = recordOf({ id, status: before.status });
    await audit(tx, caller, before.propertyId, was, recordOf({ id, status: "cancelled" }));
    await cancelVisitReminders(tx, caller, id, null);
  }
  return toVisitResponse((await findVisit(tx, id))!);
}
