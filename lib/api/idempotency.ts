import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { rowsOf, type Database } from "@/db/client";
import { idempotencyKeys } from "@/db/schema";
import { ApiError } from "./errors";
import { parseWith } from "./request";

export const idempotencyKeySchema = z
  .string()
  .min(1)
  .max(255, "Idempotency-Key must be at most 255 characters")
  .regex(/^[\x21-\x7e]+$/, "Idempotency-Key must be printable ASCII without spaces");

export type StoredResponse = { status: number; body: unknown };

/**
 * Runs `work` in one transaction. With an Idempotency-Key, the first response is stored in that
 * same transaction and replayed for 24 hours to the same caller; a different request under the
 * same key is a 409. A concurrent duplicate waits on the key's row until the first commits.
 */
export async function runIdempotently(
  db: Database,
  options: { callerKey: string; key: string | null; request: unknown },
  work: (tx: Database) => Promise<StoredResponse>,
): Promise<StoredResponse & { replayed: boolean }> {
  if (options.key === null) return db.transaction(async (tx) => ({ ...(await work(tx)), replayed: false }));
  const key = parseWith(z.object({ "Idempotency-Key": idempotencyKeySchema }), { "Idempotency-Key": options.key })["Idempotency-Key"];
  const requestHash = createHash("sha256").update(JSON.stringify(options.request)).digest("hex");
  return db.transaction(async (tx) => {
    const claimed = await tx.execute(sql`
      insert into idempotency_keys (caller_key, key, request_hash) values (${options.callerKey}, ${key}, ${requestHash})
      on conflict (caller_key, key) do update
        set request_hash = excluded.request_hash, created_at = now(), response_status = null, response_body = null
        where idempotency_keys.created_at < now() - interval '24 hours'
      returning key`);
    if (rowsOf(claimed).length === 0) {
      const [existing] = await tx
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.callerKey, options.callerKey), eq(idempotencyKeys.key, key)));
      if (!existing || existing.requestHash !== requestHash) {
        throw new ApiError("conflict", "This Idempotency-Key was already used with a different request");
      }
      return { status: existing.responseStatus ?? 409, body: existing.responseBody, replayed: true };
    }
    const response = await work(tx);
    await tx
      .update(idempotencyKeys)
      .set({ responseStatus: response.status, responseBody: response.body })
      .where(and(eq(idempotencyKeys.callerKey, options.callerKey), eq(idempotencyKeys.key, key)));
    return { ...response, replayed: false };
  });
}
