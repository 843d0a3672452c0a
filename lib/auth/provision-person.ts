import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { roles as allRoles, teamMembers, teams, users, type Role, type User } from "@/db/schema";
import { recordActivities, type SystemActor } from "@/lib/activity/record-activity";
import type { GroupMap } from "@/lib/config/group-map";
import { logger } from "@/lib/logging/logger";

// Who a verified sign-in is for, creating or updating them from ADMIN_EMAILS and SSO_GROUP_MAP.
// Used by single sign-on (lib/next-bridge/auth-options.ts) and the council's gateway tokens
// (lib/auth/resolve-caller.ts); whoever calls has already proved the identity.

/**
 * An identity a provider vouched for. Single sign-on gives its issuer and the stable subject it
 * knows the person by; a gateway token gives neither and is matched by email alone.
 */
export type VerifiedIdentity = { email: string; name: string; groups?: string[]; issuer?: string; subject?: string };

export type SignInRules = { adminEmails: string[]; groupMap: GroupMap };

const singleSignOn: SystemActor = { kind: "system", name: "Single sign-on" };

/** What a sign-in gives: `fromGroups` when a group of theirs maps (else it is ADMIN_EMAILS alone). */
type Grant = { roles: Role[]; teamKeys: string[]; fromGroups: boolean };

/**
 * The active person this identity signs in as, or null to refuse. In order: the person linked to
 * the identity; the person with its email (linked to it now, unless linked to another identity);
 * else a new staff member, an admin if the email is in ADMIN_EMAILS, with whatever their groups
 * give. A staff member whose groups map gets exactly the teams and roles they give at every sign-in
 * (plus admin if in ADMIN_EMAILS); without a mapped group their record is left as the council set
 * it. Disabled people are refused however they are found. Every change is in the activity history.
 */
export async function provisionPerson(
  db: Database,
  identity: VerifiedIdentity,
  rules: SignInRules,
): Promise<User | null> {
  const email = identity.email.trim();
  if (!email) return null;
  const isAdminEmail = rules.adminEmails.includes(email.toLowerCase());
  const grant = grantOf(identity.groups ?? [], rules.groupMap, isAdminEmail);
  // A first sign-in racing another for the same new person loses the insert; the second pass finds them.
  for (let attempt = 1; ; attempt++) {
    const outcome = await db.transaction(async (tx) => {
      const found = await findPerson(tx, { ...identity, email });
      if (found === "refused") return null;
      if (found) return grant?.fromGroups && found.kind === "staff" ? followGroups(tx, found, grant) : found;
      if (!grant) return null;
      return createPerson(tx, { ...identity, email }, grant);
    });
    if (outcome !== "taken") return outcome;
    if (attempt === 2) return null;
  }
}

/** The roles and team keys the mapped groups give (with admin for ADMIN_EMAILS), or null if they give nothing. */
function grantOf(groups: string[], groupMap: GroupMap, isAdminEmail: boolean): Grant | null {
  const mapped = groups.flatMap((group) => (Object.hasOwn(groupMap, group) ? [groupMap[group]!] : []));
  if (mapped.length === 0 && !isAdminEmail) return null;
  const roles = new Set<Role>(mapped.flatMap((grant) => grant.roles));
  if (isAdminEmail) roles.add("admin");
  return {
    roles: allRoles.filter((role) => roles.has(role)),
    teamKeys: [...new Set(mapped.flatMap((grant) => grant.teams))].sort(),
    fromGroups: mapped.length > 0,
  };
}

/** The person the identity names, locked for this sign-in; "refused" when they may not sign in. */
async function findPerson(tx: Database, identity: VerifiedIdentity): Promise<User | "refused" | null> {
  const { issuer, subject } = identity;
  if (issuer && subject) {
    const [linked] = await tx
      .select()
      .from(users)
      .where(and(eq(users.ssoIssuer, issuer), eq(users.ssoSubject, subject)))
      .for("update");
    if (linked) return linked.disabledAt ? "refused" : linked;
  }
  const [byEmail] = await tx
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${identity.email})`)
    .for("update");
  if (!byEmail) return null;
  if (byEmail.disabledAt) return "refused";
  if (!issuer || !subject) return byEmail;
  // An email claim can be reassigned: once linked, only that identity signs the person in.
  if (byEmail.ssoSubject !== null) return "refused";
  const [linkedNow] = await tx
    .update(users)
    .set({ ssoIssuer: issuer, ssoSubject: subject, updatedAt: new Date() })
    .where(eq(users.id, byEmail.id))
    .returning();
  await recordActivities(tx, singleSignOn, [
    personActivity(byEmail.id, "update", { singleSignOn: null }, { singleSignOn: issuer }),
  ]);
  return linkedNow!;
}

async function createPerson(tx: Database, identity: VerifiedIdentity, grant: Grant): Promise<User | "taken"> {
  const team = await existingTeams(tx, grant.teamKeys);
  const [person] = await tx
    .insert(users)
    .values({
      kind: "staff",
      email: identity.email,
      name: identity.name.trim() || identity.email,
      roles: grant.roles,
      ssoIssuer: identity.issuer ?? null,
      ssoSubject: identity.issuer ? (identity.subject ?? null) : null,
    })
    .onConflictDoNothing()
    .returning();
  if (!person) return "taken";
  if (team.length > 0) await tx.insert(teamMembers).values(team.map(({ id }) => ({ teamId: id, userId: person.id })));
  await recordActivities(tx, singleSignOn, [
    personActivity(person.id, "create", null, {
      name: person.name,
      email: person.email,
      kind: person.kind,
      roles: person.roles,
      teams: team.map(({ key }) => key),
      singleSignOn: person.ssoIssuer,
    }),
  ]);
  return person;
}

/** Gives the person exactly the roles and (existing) teams their groups give, recording what changed. */
async function followGroups(tx: Database, person: User, grant: Grant): Promise<User> {
  const team = await existingTeams(tx, grant.teamKeys);
  const teamKeys = team.map(({ key }) => key);
  const currentTeamKeys = await teamKeysOf(tx, person.id);
  const currentRoles = allRoles.filter((role) => person.roles.includes(role));
  const rolesChanged = !sameList(currentRoles, grant.roles);
  const teamsChanged = !sameList(currentTeamKeys, teamKeys);
  if (!rolesChanged && !teamsChanged) return person;

  let updated = person;
  if (rolesChanged) {
    [updated] = (await tx
      .update(users)
      .set({ roles: grant.roles, updatedAt: new Date() })
      .where(eq(users.id, person.id))
      .returning()) as [User];
  }
  if (teamsChanged) {
    await tx.delete(teamMembers).where(eq(teamMembers.userId, person.id));
    if (team.length > 0) await tx.insert(teamMembers).values(team.map(({ id }) => ({ teamId: id, userId: person.id })));
  }
  const oldData = { ...(rolesChanged && { roles: currentRoles }), ...(teamsChanged && { teams: currentTeamKeys }) };
  const newData = { ...(rolesChanged && { roles: grant.roles }), ...(teamsChanged && { teams: teamKeys }) };
  await recordActivities(tx, singleSignOn, [personActivity(person.id, "update", oldData, newData)]);
  return updated;
}

/** The teams among these keys that exist, by key; the others are skipped with a warning (no personal data). */
async function existingTeams(tx: Database, keys: string[]): Promise<{ id: string; key: string }[]> {
  if (keys.length === 0) return [];
  const found = await tx
    .select({ id: teams.id, key: teams.key })
    .from(teams)
    .where(inArray(teams.key, keys))
    .orderBy(asc(teams.key));
  const missing = keys.filter((key) => !found.some((team) => team.key === key));
  if (missing.length > 0) logger.warn({ teams: missing }, "SSO_GROUP_MAP names teams that do not exist; skipped");
  return found;
}

async function teamKeysOf(tx: Database, userId: string): Promise<string[]> {
  const rows = await tx
    .select({ key: teams.key })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(eq(teamMembers.userId, userId))
    .orderBy(asc(teams.key));
  return rows.map((row) => row.key);
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((value, index) => value === b[index]);

function personActivity(
  userId: string,
  type: "create" | "update",
  oldData: Record<string, unknown> | null,
  newData: Record<string, unknown>,
) {
  return {
    targetType: "directoryPerson" as const,
    targetId: userId,
    type,
    oldData,
    newData,
    sourceDomain: "Single sign-on",
  };
}
