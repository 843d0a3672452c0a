import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";

export type InboxDataSize = {
  people: number;
  notifications: number;
  /** Key and size of one team of bench people, for the fan-out timing. */
  team: { key: string; members: number };
  /** The API client recorded as the sender of every notification. */
  createdByClientId: string;
};

/**
 * Fills the inbox tables set-based (INSERT … SELECT generate_series), one statement per table, so a
 * million rows load in seconds rather than the minutes a row-by-row loop would take. Everything
 * commits together: a half-loaded database would give misleading figures.
 */
export async function loadInboxData(db: Database, size: InboxDataSize): Promise<void> {
  await db.transaction(async (tx) => {
    // Every foreign key holds by construction (ids come from the rows just inserted), so checking
    // 4 million of them one trigger call at a time would only double the load time. Only a
    // superuser may switch the triggers off; anyone else gets the slower, checked load.
    if (await isSuperuser(tx)) await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`
      insert into users (email, name, roles)
      select format('bench-person-%s@bench.invalid', n), format('Bench Person %s', n), '{finance-officer}'::role[]
      from generate_series(1, ${size.people}) as n`);
    // Numbering the bench people 0…n-1 lets each notification pick its person with g % n.
    await tx.execute(sql`
      create temporary table bench_people on commit drop as
      select id, (row_number() over (order by id)) - 1 as n from users where email like 'bench-person-%@bench.invalid'`);
    await tx.execute(sql`create index on bench_people (n)`);
    await tx.execute(sql`
      with team as (insert into teams (key, name) values (${size.team.key}, ${`Bench team of ${size.team.members}`}) returning id)
      insert into team_members (team_id, user_id)
      select team.id, p.id from team cross join bench_people p where p.n < ${size.team.members}`);
    // One statement writes each notification and its receipt, so the receipt copies its
    // created_at and action flag exactly as createNotification's fan-out would.
    await tx.execute(sql`
      with inserted as (
        insert into notifications (notification_type, message, recipient_kind, recipient_user_id, created_by_client_id, require_action, created_at)
        select 'Screen', format('Bench notification %s', g), 'user', p.id, ${size.createdByClientId}::uuid,
               random() < 0.1, now() - random() * interval '90 days'
        from generate_series(0, ${size.notifications - 1}) as g
        join bench_people p on p.n = g % ${size.people}
        returning id, recipient_user_id, created_at, require_action
      )
      insert into notification_receipts (notification_id, user_id, created_at, action_required, read_at)
      select id, recipient_user_id, created_at, require_action,
             case when random() < 0.5 then least(now(), created_at + random() * interval '3 days') end
      from inserted`);
  });
  // VACUUM as well as ANALYZE: a freshly loaded table has no visibility map or hint bits, which
  // autovacuum would have set on a live system, so index-only scans would still visit the heap.
  await db.execute(sql`vacuum (analyze) users, teams, team_members, notifications, notification_receipts`);
}

async function isSuperuser(db: Database): Promise<boolean> {
  const [row] = rowsOf<{ superuser: boolean }>(
    await db.execute(sql`select rolsuper as superuser from pg_roles where rolname = current_user`),
  );
  return row?.superuser === true;
}
