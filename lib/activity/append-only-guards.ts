import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";

/**
 * The transaction-local settings that let one code path past the append-only trigger on
 * `activities` (migration 0015, refuse_activity_change, checks these exact names). Every other
 * UPDATE, DELETE or TRUNCATE is refused by the database. Nothing else should be added.
 */
export const activityGuards = {
  /** lib/activity/purge-expired.ts: deletes rows whose time to live has passed, and no others. */
  purgeExpired: "notification_centre.purge_expired_activities",
  /**
   * lib/personal-data/erase-person.ts: redacts a person's details in activities and notification_actions
   * (migration 0020). The triggers let an UPDATE through only if ids, times, types and the shape of
   * the data stay and each changed value now holds "[erased]".
   */
  erasePersonalData: "notification_centre.erase_personal_data",
} as const;

export type ActivityGuard = keyof typeof activityGuards;

/**
 * Runs `work` in a transaction (a savepoint inside one) with the guard set, and unsets it after,
 * so it cannot outlive the work even when the caller's own transaction goes on.
 */
export function withActivityGuard<Result>(
  db: Database,
  guard: ActivityGuard,
  work: (tx: Database) => Promise<Result>,
): Promise<Result> {
  const name = activityGuards[guard];
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config(${name}, 'on', true)`);
    const result = await work(tx);
    await tx.execute(sql`select set_config(${name}, '', true)`);
    return result;
  });
}
