import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";

export type OpenActionItems = {
  /** A team's key, or for items not addressed to a team: `role:<role>`, `people` or `residents`. */
  owner: string;
  /** The team's name, or words for the other kinds of recipient. */
  label: string;
  count: number;
  /** The oldest open item's age in seconds. */
  oldestSeconds: number;
};

/**
 * Items still waiting for an action (requireAction, none recorded, not deleted), by the team they
 * were sent to, oldest first. The predicate is exactly that of the partial index
 * notifications_client_open_action_idx, so only open items are read however many were ever sent.
 */
export async function openActionItemsByTeam(db: Database): Promise<OpenActionItems[]> {
  const result = await db.execute(sql`
    select case
        when n.recipient_team is not null then n.recipient_team
        when n.recipient_role is not null then 'role:' || n.recipient_role::text
        when n.recipient_kind in ('person', 'residents') then 'residents'
        else 'people'
      end as owner,
      min(t.name) as team_name,
      count(*)::int as count,
      extract(epoch from now() - min(n.created_at))::float8 as oldest_seconds
    from notifications n
    left join teams t on t.key = n.recipient_team
    where n.require_action and n.performed_action_type is null and n.deleted_at is null
    group by 1
    order by oldest_seconds desc`);
  type Row = { owner: string; team_name: string | null; count: number; oldest_seconds: number };
  return rowsOf<Row>(result).map((row) => ({
    owner: row.owner,
    label: labelOf(row.owner, row.team_name),
    count: Number(row.count),
    oldestSeconds: Math.max(0, Math.round(Number(row.oldest_seconds))),
  }));
}

function labelOf(owner: string, teamName: string | null): string {
  if (teamName) return teamName;
  if (owner.startsWith("role:")) return `Everyone with the ${owner.slice(5)} role`;
  if (owner === "residents") return "Residents";
  if (owner === "people") return "Named people";
  return owner;
}

export type RuleSteps = { escalated: number; reminded: number; escalatedTo: { to: string; count: number }[] };

/**
 * Escalations and reminders the rules took since `since`: range scans of the partial indexes
 * notifications_escalated_at_idx and notifications_reminded_at_idx (only items a rule touched).
 */
export async function ruleStepsSince(db: Database, { since }: { since: Date }): Promise<RuleSteps> {
  const from = since.toISOString();
  const escalations = rowsOf<{ to: string; count: number }>(
    await db.execute(sql`
      select coalesce(escalated_to, 'managers') as to, count(*)::int as count
      from notifications where escalated_at >= ${from}::timestamptz
      group by 1 order by 2 desc, 1`),
  ).map((row) => ({ to: row.to, count: Number(row.count) }));
  const [reminders] = rowsOf<{ count: number }>(
    await db.execute(sql`select count(*)::int as count from notifications where reminded_at >= ${from}::timestamptz`),
  );
  return {
    escalated: escalations.reduce((sum, row) => sum + row.count, 0),
    reminded: Number(reminders?.count ?? 0),
    escalatedTo: escalations,
  };
}
