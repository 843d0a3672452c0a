import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
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
  // A gateway token comes with every API call: read first, without a transaction or a lock, and
  // take them only when something is to be written.
  const settled = await answerWithoutWriting(db, { ...identity, email }, grant);
  if (settled !== "needs a write") return settled;
  // A first sign-in racing another for the same new person loses the insert; the second pass finds them.
  for (let attempt = 1; ; attempt++) {
    const outcome = await db.transaction(async (tx) => {
      const found = await findPerson(tx, { ...identity, email }, { lock: true });
      if (found === "refused") return null;
      if (found) {
        const person = found.linkNeeded ? await linkIdentity(tx, found.person, identity) : found.person;
        return grant?.fromGroups && person.kind === "staff" ? followGroups(tx, person, grant) : person;
      }
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

/**
 * The answer when this sign-in changes nothing (the person, or null to refuse), read without a lock;
 * "needs a write" when it creates the person, links the identity or moves their roles or teams. The
 * locked pass reads again, so a change made in between is still seen before anything is written.
 */
async function answerWithoutWriting(
  db: Database,
  identity: VerifiedIdentity,
  grant: Grant | null,
): Promise<User | null | "needs a write"> {
  const found = await findPerson(db, identity, { lock: false });
  if (found === "refused") return null;
  if (!found) return grant ? "needs a write" : null;
  if (found.linkNeeded) return "needs a write";
  if (!grant?.fromGroups || found.person.kind !== "staff") return found.person;
  const { rolesChanged, teamsChanged } = await groupChanges(db, found.person, grant);
  return rolesChanged || teamsChanged ? "needs a write" : found.person;
}

type Found = { person: User; linkNeeded: boolean };

/**
 * The person the identity names, locked for this sign-in when asked; "refused" when they may not
 * sign in. `linkNeeded`: found by email, and single sign-on's identity is to be linked to them.
 */
async function findPerson(
  tx: Database,
  identity: VerifiedIdentity,
  { lock }: { lock: boolean },
): Promise<Found | "refused" | null> {
  const { issuer, subject } = identity;
  const firstOf = async (where: SQL | undefined) => {
    const query = tx.select().from(users).where(where);
    const [row] = lock ? await query.for("update") : await query;
    return row;
  };
  if (issuer && subject) {
    const linked = await firstOf(and(eq(users.ssoIssuer, issuer), eq(users.ssoSubject, subject)));
    if (linked) return linked.disabledAt ? "refused" : { person: linked, linkNeeded: false };
  }
  const byEmail = await firstOf(sql`lower(${users.email}) = lower(${identity.email})`);
  if (!byEmail) return null;
  if (byEmail.disabledAt) return "refused";
  if (!issuer || !subject) return { person: byEmail, linkNeeded: false };
  // An email claim can be reassigned: once linked, only that identity signs the person in.
  if (byEmail.ssoSubject !== null) return "refused";
  return { person: byEmail, linkNeeded: true };
}

/** Links single sign-on's identity to the person found by its email, and records it. */
async function linkIdentity(tx: Database, person: User, identity: VerifiedIdentity): Promise<User> {
  const [linkedNow] = await tx
    .update(users)
    .set({ ssoIssuer: identity.issuer, ssoSubject: identity.subject, updatedAt: new Date() })
    .where(eq(users.id, person.id))
    .returning();
  await recordActivities(tx, singleSignOn, [
    personActivity(person.id, "update", { singleSignOn: null }, { singleSignOn: identity.issuer }),
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
  const { team, teamKeys, currentTeamKeys, currentRoles, rolesChanged, teamsChanged } = await groupChanges(
    tx,
    person,
    grant,
  );
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

/** How the roles and (existing) teams the groups give differ from the person's. */
async function groupChanges(tx: Database, person: User, grant: Grant) {
  const team = await existingTeams(tx, grant.teamKeys);
  const teamKeys = team.map(({ key }) => key);
  const currentTeamKeys = await teamKeysOf(tx, person.id);
  const currentRoles = allRoles.filter((role) => person.roles.includes(role));
  return {
    team,
    teamKeys,
    currentTeamKeys,
    currentRoles,
    rolesChanged: !sameList(currentRoles, grant.roles),
    teamsChanged: !sameList(currentTeamKeys, teamKeys),
  };
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
