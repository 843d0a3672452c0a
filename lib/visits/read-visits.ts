import { and, asc, eq, gte, lt, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { users, visits, type Visit } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { afterPosition, positionAt, readPaginationToken, toPage, type Page } from "@/lib/api/pagination";
import type { Caller } from "@/lib/auth/caller";
import { authorize, mayReadVisit, mayReadVisits } from "@/lib/auth/policies";
import type { ListVisitsQuery, VisitResponse } from "./contract";

// Reading visits through the API: one, or a page by start time.

const residents = alias(users, "residents");
type VisitRow = { visit: Visit; personId: string | null };

export function toVisitResponse({ visit, personId }: VisitRow): VisitResponse {
  return {
    id: visit.id,
    propertyId: visit.propertyId,
    residentUserId: visit.residentUserId,
    personId,
    officerUserId: visit.officerUserId,
    startsAt: visit.startsAt.toISOString(),
    endsAt: visit.endsAt.toISOString(),
    kind: visit.kind,
    status: visit.status,
    createdBy: visit.createdBy,
    createdAt: visit.createdAt.toISOString(),
    updatedAt: visit.updatedAt.toISOString(),
  };
}

const selectVisits = (db: Database) =>
  db
    .select({ visit: visits, personId: residents.personId, at: positionAt(visits.startsAt) })
    .from(visits)
    .innerJoin(residents, eq(residents.id, visits.residentUserId));

/** The visit with this id as the API answers it, or null. */
export async function findVisit(db: Database, id: string): Promise<VisitRow | null> {
  const [row] = await selectVisits(db).where(eq(visits.id, id));
  return row ?? null;
}

/** One visit for a caller who may read it; anyone else gets the 404 an unknown id gets. */
export async function getVisitOrThrow(db: Database, caller: Caller, id: string): Promise<VisitResponse> {
  const row = await findVisit(db, id);
  if (!row) throw new ApiError("not_found", "No visit with this id");
  authorize(caller, mayReadVisit, row.visit);
  return toVisitResponse(row);
}

/** Visits by start time, earliest first (a diary, not a feed), keyset-paged; filters narrow it. */
export async function listVisits(db: Database, caller: Caller, query: ListVisitsQuery): Promise<Page<VisitResponse>> {
  authorize(caller, mayReadVisits);
  const after = readPaginationToken(query.paginationToken);
  const conditions: (SQL | undefined)[] = [
    query.propertyId ? eq(visits.propertyId, query.propertyId) : undefined,
    query.officerUserId ? eq(visits.officerUserId, query.officerUserId) : undefined,
    query.status ? eq(visits.status, query.status) : undefined,
    query.from ? gte(visits.startsAt, new Date(query.from)) : undefined,
    query.to ? lt(visits.startsAt, new Date(query.to)) : undefined,
    afterPosition({ at: visits.startsAt, id: visits.id }, after, "oldest first"),
  ];
  const rows = await selectVisits(db)
    .where(and(...conditions))
    .orderBy(asc(visits.startsAt), asc(visits.id))
    .limit(query.pageSize + 1);
  return toPage(rows, query.pageSize, (row) => ({ at: row.at, id: row.visit.id }), toVisitResponse);
}
