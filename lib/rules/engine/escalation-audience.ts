import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { teamManagers, teams, users, type Notification, type Role, type Team } from "@/db/schema";
import { roleLabels } from "@/lib/auth/roles";
import type { Recipient } from "@/lib/notifications/contract/recipient";

/** Whom an escalation goes to, and how the escalated item names them ("Finance managers"). */
export type EscalationAudience = { label: string; recipients: Recipient[] };

/** One item to escalate, and the role its rule falls back to. */
export type AudienceRequest = {
  item: Pick<Notification, "recipientKind" | "recipientTeam">;
  fallbackRole: Role;
};

const plural = (role: Role) => `${roleLabels[role]}s`;

const teamKeyOf = ({ item }: AudienceRequest) =>
  item.recipientKind === "team" && item.recipientTeam ? item.recipientTeam : null;

/**
 * The managers of each item's audience, in the order asked: for an item sent to a team, the team's
 * named managers (team_managers, active people only), else everyone holding the team's managerRole;
 * for anything else, or a team with neither, everyone holding the rule's fallback role. Named
 * managers each get their own copy (a notification has one recipient, and a set of people is none
 * of its kinds). Two queries however many items: their teams, then those teams' managers.
 */
export async function escalationAudiences(tx: Database, requests: AudienceRequest[]): Promise<EscalationAudience[]> {
  const keys = [...new Set(requests.flatMap((request) => teamKeyOf(request) ?? []))];
  const found = keys.length > 0 ? await tx.select().from(teams).where(inArray(teams.key, keys)) : [];
  const teamByKey = new Map<string, Team>(found.map((team) => [team.key, team]));
  const managersOf = new Map<string, string[]>();
  if (found.length > 0) {
    const managers = await tx
      .select({ teamId: teamManagers.teamId, userId: teamManagers.userId })
      .from(teamManagers)
      .innerJoin(users, and(eq(users.id, teamManagers.userId), isNull(users.disabledAt)))
      .where(
        inArray(
          teamManagers.teamId,
          found.map((team) => team.id),
        ),
      )
      .orderBy(asc(teamManagers.teamId), asc(teamManagers.userId));
    for (const { teamId, userId } of managers) managersOf.set(teamId, [...(managersOf.get(teamId) ?? []), userId]);
  }
  return requests.map((request) => {
    const key = teamKeyOf(request);
    const team = key ? teamByKey.get(key) : undefined;
    if (team) {
      const managers = managersOf.get(team.id) ?? [];
      if (managers.length > 0)
        return { label: `${team.name} managers`, recipients: managers.map((userId) => ({ userId })) };
      if (team.managerRole) return { label: plural(team.managerRole), recipients: [{ role: team.managerRole }] };
    }
    return { label: plural(request.fallbackRole), recipients: [{ role: request.fallbackRole }] };
  });
}
