import { and, asc, eq, gt, sql } from "drizzle-orm";
import { z } from "zod";
import { rowsOf, type Database } from "@/db/client";
import { uuidArray } from "@/db/sql-arrays";
import { teamManagers, teamMembers, teams, users, type Team } from "@/db/schema";
import { recordActivities } from "@/lib/activity/record-activity";
import { ApiError, type FieldError } from "@/lib/api/errors";
import { decodePaginationToken, toPage, type Page } from "@/lib/api/pagination";
import { fieldValidationError } from "@/lib/api/problem";
import type { Caller } from "@/lib/auth/caller";
import { changedFields, directoryActivity } from "./audit";
import type { CreateTeamBody, ListTeamsQuery, TeamResponse, TeamSummary, UpdateTeamBody } from "./team-schema";
import { withUniqueFields } from "./unique-conflicts";

// Teams: who is in them and whose escalations they reach. Writes run in the caller's transaction
// with one activity-history entry (targetType team) each.

/** A uuid[] literal; the values are checked uuids, so nothing in them needs quoting. */

// Members and managers by name, so a response reads in the order an admin expects.
// Written out in SQL: drizzle leaves the outer table's columns unqualified, which a subquery would
// read as its own.
const idsInTable = (table: "team_members" | "team_managers") => sql<string[]>`coalesce((
  select array_agg(x.user_id order by lower(u.name), u.id) from ${sql.raw(table)} x
  join users u on u.id = x.user_id where x.team_id = "teams"."id"), '{}')`;
const memberCount = sql<number>`(select count(*)::int from team_members x where x.team_id = "teams"."id")`;

type TeamRow = { team: Team; members: string[]; managers: string[] };

/** The team with this key, with its members and managers, or null. */
export async function getTeam(db: Database, key: string): Promise<TeamResponse | null> {
  const [row] = await db
    .select({ team: teams, members: idsInTable("team_members"), managers: idsInTable("team_managers") })
    .from(teams)
    .where(eq(teams.key, key));
  return row ? toTeamResponse(row) : null;
}

export async function getTeamOrThrow(db: Database, key: string): Promise<TeamResponse> {
  const team = await getTeam(db, key);
  if (!team) throw new ApiError("not_found", `No team called ${key}`);
  return team;
}

const positionSchema = z.object({ key: z.string().max(100) });

/** Every team by key, keyset-paged, with its managers and how many members it has. */
export async function listTeams(db: Database, query: ListTeamsQuery): Promise<Page<TeamSummary>> {
  const after = query.paginationToken ? decodePaginationToken(query.paginationToken, positionSchema) : undefined;
  const rows = await db
    .select({ team: teams, managers: idsInTable("team_managers"), memberCount })
    .from(teams)
    .where(and(after ? gt(teams.key, after.key) : undefined))
    .orderBy(asc(teams.key))
    .limit(query.pageSize + 1);
  return toPage(
    rows,
    query.pageSize,
    (row) => ({ key: row.team.key }),
    ({ team, managers, memberCount: count }) => {
      const { members: _members, ...summary } = toTeamResponse({ team, managers, members: [] });
      return { ...summary, memberCount: count };
    },
  );
}

/** POST /api/v1/teams: members and managers must be staff in the directory; a taken key is a 409. */
export async function createTeam(tx: Database, caller: Caller, body: CreateTeamBody): Promise<TeamResponse> {
  const record = {
    key: body.key,
    name: body.name,
    managerRole: body.managerRole ?? null,
    members: body.members ?? [],
    managers: body.managers ?? [],
  };
  await assertStaff(tx, record);
  const [team] = await withUniqueFields(() =>
    tx.insert(teams).values({ key: record.key, name: record.name, managerRole: record.managerRole }).returning(),
  );
  await replacePeople(tx, teamMembers, team!.id, record.members);
  await replacePeople(tx, teamManagers, team!.id, record.managers);
  await recordActivities(tx, caller, [directoryActivity("directoryTeam", team!.id, { type: "create", record })]);
  return getTeamOrThrow(tx, record.key);
}

/** PATCH /api/v1/teams/{key}: the fields sent change; members and managers are replaced whole. */
export async function updateTeam(
  tx: Database,
  caller: Caller,
  key: string,
  patch: UpdateTeamBody,
): Promise<TeamResponse> {
  await tx.execute(sql`select 1 from ${teams} where ${teams.key} = ${key} for update`);
  const current = await getTeamOrThrow(tx, key);
  const before = {
    name: current.name,
    managerRole: current.managerRole,
    members: current.members,
    managers: current.managers,
  };
  const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  const after = { ...before, ...defined } as typeof before;
  await assertStaff(tx, { members: patch.members ?? [], managers: patch.managers ?? [] });
  // Lists compare as sets: the same people in another order is no change.
  const sorted = (record: typeof before) => ({
    ...record,
    members: [...record.members].sort(),
    managers: [...record.managers].sort(),
  });
  const changes = changedFields(sorted(before), sorted(after));
  if (!changes) return current;
  await tx
    .update(teams)
    .set({ name: after.name, managerRole: after.managerRole, updatedAt: new Date() })
    .where(eq(teams.id, current.id));
  if ("members" in changes.newData) await replacePeople(tx, teamMembers, current.id, after.members);
  if ("managers" in changes.newData) await replacePeople(tx, teamManagers, current.id, after.managers);
  await recordActivities(tx, caller, [directoryActivity("directoryTeam", current.id, { type: "update", changes })]);
  return getTeamOrThrow(tx, key);
}

/** Members and managers are staff in the directory: any other id is a 400 naming its place in the list. */
async function assertStaff(tx: Database, lists: { members: string[]; managers: string[] }): Promise<void> {
  const ids = [...new Set([...lists.members, ...lists.managers])];
  if (ids.length === 0) return;
  const found = rowsOf<{ id: string }>(
    await tx.execute(sql`select id from ${users} where id = any(${uuidArray(ids)}) and kind = 'staff'`),
  );
  const staff = new Set(found.map((row) => row.id));
  const problems: FieldError[] = (["members", "managers"] as const).flatMap((list) =>
    lists[list].flatMap((id, index) =>
      staff.has(id) ? [] : [{ path: `${list}.${index}`, message: "No staff member has this id" }],
    ),
  );
  if (problems.length > 0) throw fieldValidationError(problems);
}

/** Sets the people of a team's member or manager list in one statement each, however many there are. */
async function replacePeople(
  tx: Database,
  table: typeof teamMembers | typeof teamManagers,
  teamId: string,
  userIds: string[],
): Promise<void> {
  await tx.delete(table).where(eq(table.teamId, teamId));
  if (userIds.length === 0) return;
  await tx.execute(sql`insert into ${table} (team_id, user_id) select ${teamId}::uuid, unnest(${uuidArray(userIds)})`);
}

function toTeamResponse({ team, members, managers }: TeamRow): TeamResponse {
  return {
    id: team.id,
    key: team.key,
    name: team.name,
    managerRole: team.managerRole,
    members,
    managers,
    createdAt: team.createdAt.toISOString(),
    updatedAt: team.updatedAt.toISOString(),
  };
}
