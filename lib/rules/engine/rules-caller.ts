import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";
import type { ClientCaller } from "@/lib/auth/caller";

/** The name rule-made notifications carry as their creator, in the inbox, the outbox and the audit trail. */
export const rulesClientName = "Notification Centre rules";

/**
 * The caller rules act as. Rule-made notifications go through the same create pipeline as API
 * ones (limits, preferences, idempotency, live events), which records a creating client; rules get
 * a client row of their own, so their notifications are told apart from every service's and their
 * audit entries name them. Its key is revoked at birth and its hash is of random bytes nobody
 * holds: nothing can sign in as it.
 */
export async function rulesCaller(db: Database): Promise<ClientCaller> {
  const scopes = ["notifications:read", "notifications:write"] as const;
  // One round trip whether or not the row exists: the insert does nothing once it does (no write,
  // no lock held), and the select finds it; the rules fire on every matching event and sweep.
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`
      with inserted as (
        insert into api_clients (name, key_hash, key_prefix, scopes, revoked_at)
        values (${rulesClientName}, ${`unusable:${randomBytes(32).toString("hex")}`}, 'rules', ${`{${scopes.join(",")}}`}::scope[], now())
        on conflict (name) do nothing
        returning id
      )
      select id from inserted union all select id from api_clients where name = ${rulesClientName}
      limit 1`),
  );
  return { kind: "client", id: rows[0]!.id, name: rulesClientName, scopes: [...scopes] };
}
