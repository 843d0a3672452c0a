import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";
import { uuidArray } from "@/db/sql-arrays";
import type { Recipient } from "./contract/recipient";
import { residentsAudience } from "./residents";

// Whom notifications reach, as SQL: everyone active a recipient covers. Fan-out, preferred copies
// (lib/rules/preferred-copies.ts) and digest items (lib/rules/digest-items.ts) all read audiences
// as (notification_id, user_id) pairs, so one notification and a bulk create's thousands share
// the same statements.

/** Whom fan-out reaches, once a person addressed by person id is known by their user id. */
export type Audience = Exclude<Recipient, { personId: string }>;

/** Everyone active the recipient covers, as a subquery of user ids. */
function audienceOf(recipient: Audience): SQL {
  if ("residentsOf" in recipient) return residentsAudience(recipient.residentsOf.propertyId);
  return "userId" in recipient
    ? sql`select id as user_id from users where id = ${recipient.userId} and disabled_at is null`
    : "team" in recipient
      ? sql`select tm.user_id from team_members tm join teams t on t.id = tm.team_id join users u on u.id = tm.user_id
            where t.key = ${recipient.team} and u.disabled_at is null`
      : sql`select id as user_id from users where ${recipient.role}::role = any(roles) and disabled_at is null`;
}

/** One notification's audience as (notification_id, user_id) pairs. */
export function audiencePairsOf(notificationId: string, recipient: Audience): SQL {
  return sql`select ${notificationId}::uuid as notification_id, audience.user_id from (${audienceOf(recipient)}) as audience`;
}

/**
 * The audiences of stored notifications addressed to a person (user id), a team, a role or a list
 * of those, read from their own recipient columns: (notification_id, user_id) pairs for the whole
 * set at once. A list's pairs are distinct (UNION), so someone in two of its teams is reached once.
 * Residents are not covered (their audience is a property's, see audienceOf).
 */
export function audiencePairsOfNotifications(notificationIds: string[]): SQL {
  const ids = uuidArray(notificationIds);
  return sql`
    with batch as (
      select id, recipient_kind, recipient_user_id, recipient_team, recipient_role, recipients
      from notifications where id = any(${ids})
    ), listed as (
      select b.id, r.value as recipient from batch b cross join lateral jsonb_array_elements(b.recipients) r
      where b.recipient_kind = 'list'
    )
    select b.id as notification_id, u.id as user_id
    from batch b join users u on u.id = b.recipient_user_id
    where b.recipient_kind in ('user', 'person') and u.disabled_at is null
    union all
    select b.id, tm.user_id
    from batch b join teams t on t.key = b.recipient_team join team_members tm on tm.team_id = t.id
      join users u on u.id = tm.user_id
    where b.recipient_kind = 'team' and u.disabled_at is null
    union all
    select b.id, u.id
    from batch b join users u on b.recipient_role = any(u.roles)
    where b.recipient_kind = 'role' and u.disabled_at is null
    union all
    select id, user_id from (
      select l.id, u.id as user_id
      from listed l join users u on u.id = (l.recipient->>'userId')::uuid
      where u.disabled_at is null
      union
      select l.id, tm.user_id
      from listed l join teams t on t.key = l.recipient->>'team' join team_members tm on tm.team_id = t.id
        join users u on u.id = tm.user_id
      where u.disabled_at is null
      union
      select l.id, u.id
      from listed l join users u on (l.recipient->>'role')::role = any(u.roles)
      where l.recipient->>'role' is not null and u.disabled_at is null
    ) as list_audience`;
}

export type Reached = { notificationId: string; userId: string };

/**
 * One receipt per person in the audiences, written by a single INSERT … SELECT however many
 * notifications, except people who turned the category's inbox copy off (never for items that
 * need action). Returns whom each notification reached. A receipt's time is its notification's to
 * the millisecond, as the API shows it, so a `before` or a cursor taken from a response matches it.
 */
export async function fanOut(tx: Database, audiencePairs: SQL): Promise<Reached[]> {
  const result = await tx.execute(sql`
    insert into notification_receipts (notification_id, user_id, created_at, action_required)
    select n.id, audience.user_id, date_trunc('milliseconds', n.created_at), n.require_action
    from (${audiencePairs}) as audience join notifications n on n.id = audience.notification_id
    where n.category is null or n.require_action or not exists (
      select 1 from notification_preferences p
      where p.user_id = audience.user_id and p.category = n.category and not p.in_app)
    returning notification_id, user_id`);
  return rowsOf<{ notification_id: string; user_id: string }>(result).map((row) => ({
    notificationId: row.notification_id,
    userId: row.user_id,
  }));
}
