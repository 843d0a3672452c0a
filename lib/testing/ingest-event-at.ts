import { randomUUID } from "node:crypto";
import type { Database } from "@/db/client";
import { ingestEntityEvent } from "@/lib/activity/ingest-entity-event";
import type { ClientCaller } from "@/lib/auth/caller";

/**
 * Records a council entity event as having happened at `at` (the ingest window moved with it), as
 * POST /api/v1/events would: for tests that move the clock over a record's history.
 */
export async function ingestEventAt(
  db: Database,
  caller: ClientCaller,
  event: { eventType: string; entityId: string; at: Date; newData?: Record<string, unknown> },
) {
  const { eventType, entityId, at, newData } = event;
  await db.transaction((tx) =>
    ingestEntityEvent(
      tx,
      caller,
      {
        id: randomUUID(),
        eventType,
        dateTime: at.toISOString(),
        user: { name: "Pat Clerk", email: "pat@council.example" },
        entityId,
        ...(newData ? { eventData: { newData } } : {}),
      },
      { window: { now: at, maxBackdateDays: 3650 }, now: at },
    ),
  );
}
