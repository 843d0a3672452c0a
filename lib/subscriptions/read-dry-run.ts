import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { subscriptionAuditEntries } from "@/db/schema";

/** A dry run's counts, read back for the admin page's confirm step; null unless it is this subscription's. */
export async function readDryRun(
  db: Database,
  subscriptionId: string,
  auditId: string,
): Promise<{ matched: number; queued: number; at: Date } | null> {
  const [row] = await db
    .select()
    .from(subscriptionAuditEntries)
    .where(
      and(
        eq(subscriptionAuditEntries.id, auditId),
        eq(subscriptionAuditEntries.subscriptionId, subscriptionId),
        eq(subscriptionAuditEntries.action, "replay-dry-run"),
      ),
    );
  const results = row?.details.results as { matched: number; queued: number } | undefined;
  return row && results ? { ...results, at: row.createdAt } : null;
}
