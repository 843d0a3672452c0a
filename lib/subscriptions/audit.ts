import type { Database } from "@/db/client";
import { subscriptionAuditEntries, type SubscriptionAuditAction } from "@/db/schema";
import { actorOf } from "@/lib/auth/actor";
import type { Caller } from "@/lib/auth/caller";

export type SubscriptionAuditInput = {
  clientId: string;
  subscriptionId: string | null;
  action: SubscriptionAuditAction;
  details: Record<string, unknown>;
};

/** Appends one audit entry in the caller's transaction, so it commits with the change; returns its id. */
export async function recordSubscriptionAudit(
  db: Database,
  author: Caller,
  entry: SubscriptionAuditInput,
): Promise<string> {
  const [row] = await db
    .insert(subscriptionAuditEntries)
    .values({ ...entry, author: actorOf(author).author })
    .returning({ id: subscriptionAuditEntries.id });
  return row!.id;
}
