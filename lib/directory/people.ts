import { and, asc, eq, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { users, type User } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { decodePaginationToken, toPage, type Page } from "@/lib/api/pagination";
import type { ListPeopleQuery, PersonResponse } from "./person-responses";
import type { PersonRecord } from "./person-schema";

// Reading the directory: one person, or a page of people by name.

/** A person's team keys, in order, beside their row. */
// Written out in SQL: drizzle leaves the outer table's columns unqualified, which a subquery would
// read as its own.
export const teamKeysOf = sql<string[]>`coalesce((select array_agg(t.key order by t.key) from team_members tm
  join teams t on t.id = tm.team_id where tm.user_id = "users"."id"), '{}')`;

export type PersonRow = { user: User; teams: string[] };

/** The person with this directory id, or null. */
export async function getPerson(db: Database, id: string): Promise<PersonRow | null> {
  const [row] = await db.select({ user: users, teams: teamKeysOf }).from(users).where(eq(users.id, id));
  return row ?? null;
}

export async function getPersonOrThrow(db: Database, id: string): Promise<PersonRow> {
  const row = await getPerson(db, id);
  if (!row) throw new ApiError("not_found", "No person with this id");
  return row;
}

// Lists page by name (what a directory is searched and read by), then id to break ties.
const positionSchema = z.object({ name: z.string().max(1000), id: z.uuid() });
const sortName = sql<string>`lower(${users.name})`;

// A search for "o'_" means those characters, not a pattern.
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/** People by name, keyset-paged; `q` matches the start of any word of the name, or of the email. */
export async function listPeople(db: Database, query: ListPeopleQuery): Promise<Page<PersonResponse>> {
  const after = query.paginationToken ? decodePaginationToken(query.paginationToken, positionSchema) : undefined;
  const prefix = query.q ? `${escapeLike(query.q.toLowerCase())}%` : undefined;
  const conditions: (SQL | undefined)[] = [
    prefix
      ? or(
          sql`${sortName} like ${prefix}`,
          sql`${sortName} like ${`% ${prefix}`}`,
          sql`lower(${users.email}) like ${prefix}`,
        )
      : undefined,
    query.kind ? eq(users.kind, query.kind) : undefined,
    query.team
      ? sql`exists (select 1 from team_members tm join teams t on t.id = tm.team_id
          where tm.user_id = "users"."id" and t.key = ${query.team})`
      : undefined,
    query.disabled === undefined ? undefined : query.disabled ? isNotNull(users.disabledAt) : isNull(users.disabledAt),
    after ? sql`(${sortName}, ${users.id}) > (${after.name}, ${after.id}::uuid)` : undefined,
  ];
  const rows = await db
    .select({ user: users, teams: teamKeysOf, sortName })
    .from(users)
    .where(and(...conditions))
    .orderBy(asc(sortName), asc(users.id))
    .limit(query.pageSize + 1);
  return toPage(rows, query.pageSize, (row) => ({ name: row.sortName, id: row.user.id }), toPersonResponse);
}

/** The fields a person is checked and audited by (lib/directory/person-schema.ts). */
export function toPersonRecord({ user, teams: teamKeys }: PersonRow): PersonRecord {
  return {
    name: user.name,
    kind: user.kind,
    email: user.email,
    mobileNumber: user.mobileNumber,
    addressLines: user.addressLines,
    postcode: user.postcode,
    roles: user.roles,
    teams: teamKeys,
    personId: user.personId,
    tenureIds: user.tenureIds,
    propertyIds: user.propertyIds,
    preferredChannel: user.preferredChannel,
    disabled: user.disabledAt !== null,
  };
}

export function toPersonResponse(row: PersonRow): PersonResponse {
  const { user } = row;
  return {
    id: user.id,
    ...toPersonRecord(row),
    disabledAt: user.disabledAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
