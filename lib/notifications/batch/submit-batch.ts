import { createHash } from "node:crypto";
import type { Database } from "@/db/client";
import { runIdempotently, type StoredResponse } from "@/lib/api/idempotency";
import type { Caller } from "@/lib/auth/caller";
import { createNotification } from "../create-notification";
import { callerKeyOf } from "../submit-notification";
import { planColumns } from "./columns";
import { parseBatchCsv } from "./parse-csv";
import type { BatchCreated, BatchQuery } from "./schemas";
import { validateBatch } from "./validate-batch";

/**
 * POST /api/v1/notifications/batch: every row is checked first (with Notify, outside any
 * transaction, and not for a replay); then all rows' notifications are created in one transaction, so a file is
 * accepted whole or not at all. The Idempotency-Key covers the query and the file's bytes.
 */
export async function submitBatch(
  db: Database,
  caller: Caller,
  query: BatchQuery,
  csv: string,
  idempotencyKey: string | null,
): Promise<StoredResponse & { replayed: boolean }> {
  const { header, rows } = parseBatchCsv(csv);
  const request = { batch: query, sha256: createHash("sha256").update(csv).digest("hex") };
  let bodies: Awaited<ReturnType<typeof validateBatch>> = [];
  const check = async () => {
    bodies = await validateBatch(query, planColumns(query.notificationType, header), rows);
  };
  return runIdempotently(db, { callerKey: callerKeyOf(caller), key: idempotencyKey, request, check }, async (tx) => {
    const ids: string[] = [];
    for (const body of bodies) ids.push((await createNotification(tx, caller, body)).notification.id);
    const created: BatchCreated = { count: ids.length, ids };
    return { status: 201, body: created };
  });
}
