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
 *
 * `check` runs first, outside the transaction, for checks that call other services (so no
 * connection or row lock is held while they answer); a replay skips it, because the stored
 * response stands whatever those services say now.
 */
export async function runIdempotently(
  db: Database,
  options: { callerKey: string; key: string | null; request: unknown; check?: () => Promise<void> },
  work: (tx: Database) => Promise<StoredResponse>,
): Promise<StoredResponse & { replayed: boolean }> {
  if (options.key === null) {
    await options.check?.();
    return db.transaction(async (tx) => ({ ...(await work(tx)), replayed: false }));
  }
  const key = parseWith(z.object({ "Idempotency-Key": idempotencyKeySchema }), { "Idempotency-Key": options.key })[
    "Idempotency-Key"
  ];
  const requestHash = createHash("sha256").update(JSON.stringify(options.request)).digest("hex");
  const stored = await storedResponse(db, options.callerKey, key, requestHash);
  if (stored) return stored;
  await options.check?.();
  return db.transaction(async (tx) => {
    const claimed = await tx.execute(sql`
      insert into idempotency_keys (caller_key, key, request_hash) values (${options.callerKey}, ${key}, ${requestHash})
      on conflict (caller_key, key) do update
        set request_hash = excluded.request_hash, created_at = now(), response_status = null, response_body = null
        where idempotency_keys.created_at < now() - interval '24 hours'
      returning key`);
    if (rowsOf(claimed).length === 0) {
      // Another request holds the key: its row lock made us wait for its commit, so this reads its response.
      const replay = await storedResponse(tx, options.callerKey, key, requestHash);
      if (!replay) throw new ApiError("conflict", "This Idempotency-Key was already used with a different request");
      return replay;
    }
    const response = await work(tx);
    await tx
      .update(idempotencyKeys)
      .set({ responseStatus: response.status, responseBody: response.body })
      .where(and(eq(idempotencyKeys.callerKey, options.callerKey), eq(idempotencyKeys.key, key)));
    return { ...response, replayed: false };
  });
}

/** The response stored under a live key, or null when the key is free; a different request under it is a 409. */
async function storedResponse(db: Database, callerKey: string, key: string, requestHash: string) {
  const [existing] = await db
    .select()
    .from(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.callerKey, callerKey),
        eq(idempotencyKeys.key, key),
        sql`${idempotencyKeys.createdAt} >= now() - interval '24 hours'`,
      ),
    );
  if (!existing) return null;
  if (existing.requestHash !== requestHash)
    throw new ApiError("conflict", "This Idempotency-Key was already used with a different request");
  return { status: existing.responseStatus ?? 409, body: existing.responseBody, replayed: true };
}
