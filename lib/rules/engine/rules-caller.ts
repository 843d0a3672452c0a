import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { apiClients } from "@/db/schema";
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
  await db
    .insert(apiClients)
    .values({
      name: rulesClientName,
      keyHash: `unusable:${randomBytes(32).toString("hex")}`,
      keyPrefix: "rules",
      scopes: [...scopes],
      revokedAt: new Date(),
    })
    .onConflictDoNothing({ target: apiClients.name });
  const [client] = await db.select({ id: apiClients.id }).from(apiClients).where(eq(apiClients.name, rulesClientName));
  return { kind: "client", id: client!.id, name: rulesClientName, scopes: [...scopes] };
}
