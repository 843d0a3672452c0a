import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { teamManagers, teams, users, type Notification, type Role } from "@/db/schema";
import { roleLabels } from "@/lib/auth/roles";
import type { Recipient } from "@/lib/notifications/contract/recipient";

/** Whom an escalation goes to, and how the escalated item names them ("Finance managers"). */
export type EscalationAudience = { label: string; recipients: Recipient[] };

const plural = (role: Role) => `${roleLabels[role]}s`;

/**
 * The managers of the item's audience: for an item sent to a team, the team's named managers
 * (team_managers, active people only), else everyone holding the team's managerRole; for anything
 * else, or a team with neither, everyone holding the rule's fallback role. Named managers each get
 * their own copy (a notification has one recipient, and a set of people is none of its kinds).
 */
export async function escalationAudience(
  tx: Database,
  notification: Pick<Notification, "recipientKind" | "recipientTeam">,
  fallbackRole: Role,
): Promise<EscalationAudience> {
  if (notification.recipientKind === "team" && notification.recipientTeam) {
    const [team] = await tx.select().from(teams).where(eq(teams.key, notification.recipientTeam));
    if (team) {
      const managers = await tx
        .select({ userId: teamManagers.userId })
        .from(teamManagers)
        .innerJoin(users, eq(users.id, teamManagers.userId))
        .where(and(eq(teamManagers.teamId, team.id), isNull(users.disabledAt)))
        .orderBy(teamManagers.userId);
      if (managers.length > 0)
        return { label: `${team.name} managers`, recipients: managers.map(({ userId }) => ({ userId })) };
      if (team.managerRole) return { label: plural(team.managerRole), recipients: [{ role: team.managerRole }] };
    }
  }
  return { label: plural(fallbackRole), recipients: [{ role: fallbackRole }] };
}
