import { eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { teamMembers, teams, users } from "@/db/schema";
import { recordActivities } from "@/lib/activity/record-activity";
import { ApiError } from "@/lib/api/errors";
import { fieldValidationError } from "@/lib/api/problem";
import type { Caller } from "@/lib/auth/caller";
import { changedFields, directoryActivity } from "./audit";
import { getPersonOrThrow, toPersonRecord, toPersonResponse } from "./people";
import type { PersonResponse } from "./person-responses";
import {
  checkPerson,
  mergePersonRecord,
  newPersonRecord,
  type CreatePersonBody,
  type PersonRecord,
  type UpdatePersonBody,
} from "./person-schema";
import { withUniqueFields } from "./unique-conflicts";

// Adding and editing people. Each runs in the caller's transaction and writes the person, their
// team memberships and one activity-history entry (author: the caller) together.

/**
 * How a new person is set up beyond their record. `isDemo`: the demo sign-in may sign them in. The
 * caller decides from the settings (on only while the demo sign-in is), so an install with the demo
 * sign-in off never creates anyone it would admit.
 */
export type CreatePersonOptions = { isDemo?: boolean };

/** POST /api/v1/people: a new person, checked as a whole; a clash on email or personId is a 409. */
export async function createPerson(
  tx: Database,
  caller: Caller,
  body: CreatePersonBody,
  options: CreatePersonOptions = {},
): Promise<PersonResponse> {
  const record = checkedOrThrow(newPersonRecord(body));
  const teamIds = await teamIdsOrThrow(tx, record.teams);
  const [user] = await withUniqueFields(() =>
    tx
      .insert(users)
      .values({
        ...columnsOf(record),
        isDemo: options.isDemo ?? false,
        disabledAt: record.disabled ? new Date() : null,
      })
      .returning(),
  );
  if (teamIds.length > 0) await tx.insert(teamMembers).values(teamIds.map((teamId) => ({ teamId, userId: user!.id })));
  await recordActivities(tx, caller, [directoryActivity("directoryPerson", user!.id, { type: "create", record })]);
  return toPersonResponse({ user: user!, teams: record.teams });
}

/**
 * PATCH /api/v1/people/{id}: the fields sent change and the whole record is checked again.
 * Disabling stamps disabledAt and moves the session version on, which ends every session of theirs
 * at once (findPersonCaller refuses disabled people too); enabling clears the stamp.
 */
export async function updatePerson(
  tx: Database,
  caller: Caller,
  id: string,
  patch: UpdatePersonBody,
): Promise<PersonResponse> {
  await tx.execute(sql`select 1 from ${users} where ${users.id} = ${id} for update`);
  const current = await getPersonOrThrow(tx, id);
  // An erased person stays erased: their row is kept only so that history pointing at it resolves.
  if (current.user.erasedAt)
    throw new ApiError("conflict", "This person's details were erased; add them again as a new person");
  if (patch.disabled === true && caller.kind === "person" && caller.id === id) {
    throw fieldValidationError([
      { path: "disabled", message: "You cannot disable yourself; ask another administrator" },
    ]);
  }
  const before = toPersonRecord(current);
  const after = checkedOrThrow(mergePersonRecord(before, patch));
  const changes = changedFields(before, after);
  if (!changes) return toPersonResponse(current);

  const teamIds = await teamIdsOrThrow(tx, after.teams);
  const disabledChange =
    after.disabled === before.disabled
      ? {}
      : after.disabled
        ? { disabledAt: new Date(), sessionVersion: sql`${users.sessionVersion} + 1` }
        : { disabledAt: null };
  const [user] = await withUniqueFields(() =>
    tx
      .update(users)
      .set({ ...columnsOf(after), ...disabledChange, updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning(),
  );
  if ("teams" in changes.newData) {
    await tx.delete(teamMembers).where(eq(teamMembers.userId, id));
    if (teamIds.length > 0) await tx.insert(teamMembers).values(teamIds.map((teamId) => ({ teamId, userId: id })));
  }
  await recordActivities(tx, caller, [directoryActivity("directoryPerson", id, { type: "update", changes })]);
  return toPersonResponse({ user: user!, teams: after.teams });
}

function checkedOrThrow(record: PersonRecord): PersonRecord {
  const checked = checkPerson(record);
  if (!checked.ok) throw fieldValidationError(checked.problems);
  return checked.value;
}

/** The users columns a record sets (teams and `disabled` are kept elsewhere). */
function columnsOf(record: PersonRecord) {
  const { teams: _teams, disabled: _disabled, ...columns } = record;
  return columns;
}

/** The ids of these team keys, in order; an unknown key is a 400 naming its place in the list. */
async function teamIdsOrThrow(tx: Database, keys: string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const found = await tx.select({ id: teams.id, key: teams.key }).from(teams).where(inArray(teams.key, keys));
  const idByKey = new Map(found.map((team) => [team.key, team.id]));
  const missing = keys.flatMap((key, index) =>
    idByKey.has(key) ? [] : [{ path: `teams.${index}`, message: `No team called ${key}` }],
  );
  if (missing.length > 0) throw fieldValidationError(missing);
  return keys.map((key) => idByKey.get(key)!);
}
