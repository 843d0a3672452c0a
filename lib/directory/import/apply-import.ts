import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";
import type { ActivityType } from "@/db/schema";
import { actorOf } from "@/lib/auth/actor";
import type { Caller } from "@/lib/auth/caller";
import { activityCreatedEvent } from "@/lib/subscriptions/activity-events";
import { publishEvents } from "@/lib/subscriptions/publish";
import type { PersonRecord } from "../person-schema";
import type { CreatePersonOptions } from "../save-person";
import { withUniqueFields } from "../unique-conflicts";
import type { ImportLine } from "./plan-import";

// Writing an import plan: a handful of set-based statements whatever the file's size (each row
// set travels as one JSON parameter and is unpacked with jsonb_to_recordset), in the caller's
// transaction, so the file is imported whole or not at all.

// The users columns an import sets, with their SQL types, in the order of the statements below.
const personColumns = `id uuid, kind person_kind, email text, name text, roles role[], person_id uuid,
  tenure_ids uuid[], property_ids uuid[], mobile_number text, address_lines text[], postcode text,
  preferred_channel contact_channel`;

const asRow = (id: string, person: PersonRecord) => ({
  id,
  kind: person.kind,
  email: person.email,
  name: person.name,
  roles: person.roles,
  person_id: person.personId,
  tenure_ids: person.tenureIds,
  property_ids: person.propertyIds,
  mobile_number: person.mobileNumber,
  address_lines: person.addressLines,
  postcode: person.postcode,
  preferred_channel: person.preferredChannel,
});

const asJson = (rows: unknown[]) => sql`${JSON.stringify(rows)}::jsonb`;

export async function applyImport(
  tx: Database,
  caller: Caller,
  plan: ImportLine[],
  options: CreatePersonOptions = {},
): Promise<void> {
  const created = plan.filter((line) => line.outcome === "created");
  const updated = plan.filter((line) => line.outcome === "updated");
  await withUniqueFields(async () => {
    if (created.length > 0) {
      await tx.execute(sql`
        insert into users (id, kind, email, name, roles, person_id, tenure_ids, property_ids, mobile_number,
                           address_lines, postcode, preferred_channel, is_demo)
        select id, kind, email, name, roles, person_id, tenure_ids, property_ids, mobile_number,
               address_lines, postcode, preferred_channel, ${options.isDemo ?? false}
        from jsonb_to_recordset(${asJson(created.map((line) => asRow(line.id, line.after)))})
          as x(${sql.raw(personColumns)})`);
    }
    if (updated.length > 0) {
      await tx.execute(sql`
        update users u set kind = x.kind, email = x.email, name = x.name, roles = x.roles, person_id = x.person_id,
          tenure_ids = x.tenure_ids, property_ids = x.property_ids, mobile_number = x.mobile_number,
          address_lines = x.address_lines, postcode = x.postcode, preferred_channel = x.preferred_channel,
          updated_at = now()
        from jsonb_to_recordset(${asJson(updated.map((line) => asRow(line.id, line.after)))})
          as x(${sql.raw(personColumns)})
        where u.id = x.id`);
    }
  });
  await replaceMemberships(tx, [
    ...created,
    ...updated.filter((line) => line.changes && "teams" in line.changes.newData),
  ]);
  await recordImportActivities(tx, caller, [...created, ...updated]);
}

/** The team memberships of these people become the teams their rows name. */
async function replaceMemberships(tx: Database, lines: ImportLine[]): Promise<void> {
  if (lines.length === 0) return;
  await tx.execute(sql`
    delete from team_members
    where user_id in (select jsonb_array_elements_text(${asJson(lines.map((line) => line.id))})::uuid)`);
  const memberships = lines.flatMap((line) => line.after.teams.map((team) => ({ user_id: line.id, team })));
  if (memberships.length === 0) return;
  await tx.execute(sql`
    insert into team_members (team_id, user_id)
    select t.id, x.user_id from jsonb_to_recordset(${asJson(memberships)}) as x(user_id uuid, team text)
    join teams t on t.key = x.team`);
}

/** One activity-history entry per person the import created or changed, authored by the caller. */
async function recordImportActivities(tx: Database, caller: Caller, lines: ImportLine[]): Promise<void> {
  if (lines.length === 0) return;
  const entries = lines.map((line) => ({
    target_id: line.id,
    type: line.outcome === "created" ? "create" : "update",
    old_data: line.outcome === "created" ? null : line.changes!.oldData,
    new_data: line.changes!.newData,
  }));
  const stored = rowsOf<{ id: string; type: ActivityType; target_id: string; created_ms: number }>(
    await tx.execute(sql`
    insert into activities (target_type, target_id, type, old_data, new_data, author_details, source_domain)
    select 'person', x.target_id, x.type, nullif(x.old_data, 'null'::jsonb), x.new_data, ${JSON.stringify(actorOf(caller).author)}::jsonb,
           'Directory'
    from jsonb_to_recordset(${asJson(entries)}) as x(target_id uuid, type activity_type, old_data jsonb, new_data jsonb)
    returning id, type, target_id, (extract(epoch from created_at) * 1000)::float8 as created_ms`),
  );
  await publishEvents(
    tx,
    stored.map((row) =>
      activityCreatedEvent({
        id: row.id,
        type: row.type,
        targetType: "person",
        targetId: row.target_id,
        createdAt: new Date(Number(row.created_ms)),
      }),
    ),
  );
}
