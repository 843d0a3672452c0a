import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { createApiClient } from "@/lib/auth/api-clients";
import type { ClientCaller, PersonCaller } from "@/lib/auth/caller";
import { insertInboxItems } from "@/lib/notifications/testing/insert-inbox-items";
import { progress } from "../support/progress";

/** One caller's volume: the inbox of a person, what a client created, a record's history. */
export type Callers = { person: PersonCaller; client: ClientCaller; recordId: string };
export type FlatData = { small: Callers; large: Callers; admin: PersonCaller };

// A realistic spread: a third read, one in seven archived, one in ten waiting for an action.
const shape = { readEvery: 3, archivedEvery: 7, actionEvery: 10 };
const chunkRows = 100_000;

async function person(db: Database, name: string, roles: PersonCaller["roles"]): Promise<PersonCaller> {
  const email = `${name.toLowerCase().replace(/ /g, ".")}@bench.example`;
  const [row] = await db.insert(users).values({ name, email, roles }).returning({ id: users.id });
  return { kind: "person", id: row!.id, name, email, roles, teams: [], personId: null, tenureIds: [], scopes: [] };
}

async function client(db: Database, name: string): Promise<ClientCaller> {
  const scopes = ["notifications:read", "notifications:write"] as const;
  const { client: created } = await createApiClient(db, { name, scopes: [...scopes] });
  return { kind: "client", id: created.id, name, scopes: [...scopes] };
}

/** A record's history, set-based: `count` updates one second apart, newest now. */
async function insertHistory(db: Database, recordId: string, count: number, newest: Date): Promise<void> {
  await db.execute(sql`
    insert into activities (target_type, target_id, type, created_at, new_data, author_details, source_domain)
    select 'tenure', ${recordId}::uuid, 'update', ${newest.toISOString()}::timestamptz - make_interval(secs => i),
      jsonb_build_object('status', 'visit ' || i), jsonb_build_object('fullName', 'Officer ' || i % 50), 'housing'
    from generate_series(1, ${count}::int) as i`);
}

/** `count` items in chunks (so progress shows), each chunk older than the one before. */
async function fill(db: Database, callers: Callers, count: number, label: string): Promise<void> {
  const now = Date.now();
  for (let done = 0; done < count; done += chunkRows) {
    const rows = Math.min(chunkRows, count - done);
    const newest = new Date(now - done * 1000);
    await insertInboxItems(db, {
      userId: callers.person.id,
      clientId: callers.client.id,
      count: rows,
      newest,
      ...shape,
    });
    await insertHistory(db, callers.recordId, rows, newest);
    progress(`${label}: ${(done + rows).toLocaleString("en-GB")} of ${count.toLocaleString("en-GB")} items`);
  }
}

/**
 * A person whose (team) inbox holds `largeCount` items, all created by one client, beside a person
 * and client with `smallCount`; and a record with as many history entries for each. Both live in
 * the same tables, so the two differ only in the caller's own volume.
 */
export async function loadFlatData(db: Database, smallCount: number, largeCount: number): Promise<FlatData> {
  const small: Callers = {
    person: await person(db, "Small Inbox", ["housing-officer"]),
    client: await client(db, "small-volume-service"),
    recordId: "00000000-0000-4000-8000-000000000100",
  };
  const large: Callers = {
    person: await person(db, "Team Inbox", ["housing-officer"]),
    client: await client(db, "large-volume-service"),
    recordId: "00000000-0000-4000-8000-000001000000",
  };
  await fill(db, small, smallCount, "small caller");
  await fill(db, large, largeCount, "large caller");
  return { small, large, admin: await person(db, "History Reader", ["admin"]) };
}
