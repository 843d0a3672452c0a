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

export async function findPersonCaller(db: Database, userId: string): Promise<PersonCaller | null> {
  const rows = await preparedQuery(db, "personWithTeams", personWithTeams).execute({ userId });
  const row = rows[0];
  if (!row) return null;
  return toPersonCaller(row.user, row.teamKeys);
}

export async function findUserByEmail(db: Database, email: string): Promise<User | null> {
  const [user] = await db
    .select()
    .from(users)
    .where(and(sql`lower(${users.email}) = lower(${email})`, isNull(users.disabledAt)));
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

function toPersonCaller(user: User, teamKeys: string[]): PersonCaller {
  return {
    kind: "person",
    id: user.id,
    name: user.name,
    email: user.email,
    roles: user.roles,
    teams: teamKeys,
    personId: user.personId,
    tenureId: user.tenureId,
    scopes: scopesForRoles(user.roles),
  };
}
