import { and, asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { activities } from "@/db/schema";
import type { ErasureCounts } from "./erase-person";
import { erasureOutcomeSchema } from "./erasure-schema";

/** Where the erasure's own audit entry says what it did (never who was erased, beyond the directory id). */
export const erasureSourceDomain = "Personal data erasure";

/** What the audit says about one person's erasure: when, by whom, and how many rows of each kind changed. */
export type ErasureRecord = { erasedAt: string; erasedBy: string; counts: ErasureCounts | null };

/**
 * The first erasure entry in the person's activity history, or null when they were never erased.
 * The admin person page shows it, and a repeated erasure answers with its counts. `counts` is null
 * if the entry does not hold them in the shape erasure writes (it always has so far).
 */
export async function findErasureRecord(db: Database, personId: string): Promise<ErasureRecord | null> {
  const [entry] = await db
    .select({ createdAt: activities.createdAt, newData: activities.newData, author: activities.authorDetails })
    .from(activities)
    .where(
      and(
        eq(activities.targetType, "directoryPerson"),
        eq(activities.targetId, personId),
        eq(activities.sourceDomain, erasureSourceDomain),
      ),
    )
    .orderBy(asc(activities.createdAt))
    .limit(1);
  if (!entry) return null;
  const counts = erasureOutcomeSchema.shape.counts.safeParse(entry.newData?.counts);
  const erasedAt = typeof entry.newData?.erasedAt === "string" ? entry.newData.erasedAt : null;
  return {
    erasedAt: erasedAt ?? entry.createdAt.toISOString(),
    erasedBy: entry.author.fullName,
    counts: counts.success ? counts.data : null,
  };
}
