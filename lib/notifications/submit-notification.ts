import type { Database } from "@/db/client";
import type { StoredResponse } from "@/lib/api/idempotency";
import type { Caller } from "@/lib/auth/caller";
import { submitNotifications } from "./submit-notifications";

/** POST /api/v1/notifications: one body through the create pipeline, answered with the notification. */
export function submitNotification(
  db: Database,
  caller: Caller,
  body: unknown,
  idempotencyKey: string | null,
): Promise<StoredResponse & { replayed: boolean }> {
  return submitNotifications(db, caller, {
    inputs: [{ body }],
    idempotencyKey,
    // The validated body, as keys stored before the pipeline existed were hashed.
    idempotentRequest: ([validated]) => validated,
    locate: (_index, error) => error,
    respond: ([created]) => ({ status: 201, body: created?.notification }),
  });
}
