import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { preparedQuery } from "@/db/prepared";
import { roles, teamMembers, teams, users, type User } from "@/db/schema";
import type { PersonCaller } from "./caller";
import { scopesForRoles } from "./scopes";

/** An active person with their team keys, or null when they are unknown or disabled. */
// Runs on every request a person makes, so it is built once (see preparedQuery).
const personWithTeams = (db: Database) =>
  db
    .select({
      user: users,
      teamKeys: sql<
        string[]
      >`coalesce(array_agg(${teams.key} order by ${teams.key}) filter (where ${teams.key} is not null), '{}')`,
    })
    .from(users)
    .leftJoin(teamMembers, eq(teamMembers.userId, users.id))
    .leftJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(and(eq(users.id, sql.placeholder("userId")), isNull(users.disabledAt)))
    .groupBy(users.id)
    .prepare("person_with_teams");

/** What a session cookie says: whose it is, and their session version when they signed in. */
export type SessionClaims = { userId: string; sessionVersion: number };

/**
 * The person a user id or a session names. A session is refused (null) once its version is no
 * longer the person's: they signed out since, which ends every session of theirs at once.
 */
export async function findPersonCaller(db: Database, who: string | SessionClaims): Promise<PersonCaller | null> {
  const userId = typeof who === "string" ? who : who.userId;
  const rows = await preparedQuery(db, "personWithTeams", personWithTeams).execute({ userId });
  const row = rows[0];
  // Someone known only by text or letter has no way to sign in, so no session or key can name them.
  if (!row?.user.email) return null;
  if (typeof who !== "string" && row.user.sessionVersion !== who.sessionVersion) return null;
  return toPersonCaller({ ...row.user, email: row.user.email }, row.teamKeys);
}

/** The session version a new session of this active person starts with, or null. */
export async function currentSessionVersion(db: Database, userId: string): Promise<number | null> {
  const [user] = await db
    .select({ sessionVersion: users.sessionVersion })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.disabledAt)));
  return user?.sessionVersion ?? null;
}

/**
 * Signing out: moves the person's session version on, so every cookie minted before (on any
 * device) is refused. A session already ended changes nothing, so an old cookie cannot end new ones.
 */
export async function endSessions(db: Database, session: SessionClaims): Promise<void> {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(and(eq(users.id, session.userId), eq(users.sessionVersion, session.sessionVersion)));
}

export async function findUserByEmail(db: Database, email: string): Promise<User | null> {
  const [user] = await db
    .select()
    .from(users)
    .where(and(sql`lower(${users.email}) = lower(${email})`, isNull(users.disabledAt)));
  return user ?? null;
}

/**
 * A person the demo sign-in may sign in as: one seeded as a demo person and still active. Anyone
 * else (an administrator set up for real, say) is refused, whatever id the form posts.
 */
export async function findDemoPerson(db: Database, userId: string): Promise<User | null> {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, userId), eq(users.isDemo, true), isNull(users.disabledAt)));
  return user ?? null;
}

/** The people offered on the demo sign-in page: staff first, in the order roles are listed, then residents. */
export async function listDemoUsers(db: Database): Promise<User[]> {
  const demoUsers = await db
    .select()
    .from(users)
    .where(and(eq(users.isDemo, true), isNull(users.disabledAt)))
    .orderBy(asc(users.name));
  const rank = (user: User) => Math.min(...user.roles.map((role) => roles.indexOf(role)));
  return demoUsers.sort((a, b) => rank(a) - rank(b));
}

function toPersonCaller(user: User & { email: string }, teamKeys: string[]): PersonCaller {
  return {
    kind: "person",
    id: user.id,
    name: user.name,
    email: user.email,
    roles: user.roles,
    teams: teamKeys,
    personId: user.personId,
    tenureIds: user.tenureIds,
    scopes: scopesForRoles(user.roles),
  };
}
