import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { preparedQuery } from "@/db/prepared";
import { apiClients, scopes, type ApiClient } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import type { ClientCaller } from "./caller";
import { displayPrefix, generateApiKey, hashApiKey } from "./api-keys";

export const createApiClientBodySchema = z.object({
  name: z
    .string()
    .trim()
    .min(3, "Enter a name of at least 3 characters")
    .max(80, "Enter a name of at most 80 characters")
    .regex(/^[a-z0-9][a-z0-9-]*$/, "Use lower-case letters, digits and hyphens, e.g. repairs-hub"),
  scopes: z.array(z.enum(scopes)).min(1, "Choose at least one scope"),
  // Shown on the client's subscriptions (issue 13, seed 002): who it is, not what it may do.
  organisation: z.string().trim().max(200, "Enter an organisation of at most 200 characters").optional(),
  partyIds: z
    .array(
      z
        .string()
        .trim()
        .min(1, "Enter each party id")
        .max(100, "Enter party ids of at most 100 characters")
        .regex(/^[^,\s]+$/, "Party ids are separated by commas, and have no spaces"),
    )
    .max(50, "Enter at most 50 party ids")
    .optional(),
});
export type CreateApiClientBody = z.infer<typeof createApiClientBodySchema>;

/** What an admin sees of a client: never the key or its hash. */
export type ApiClientSummary = Omit<ApiClient, "keyHash">;

/**
 * Issues a client and its key. The key is returned once and never again; `key` may be supplied
 * only by the seed (DEMO_API_KEY), so a demo can use a known key.
 */
export async function createApiClient(
  db: Database,
  input: CreateApiClientBody & { createdBy?: string | null; key?: string },
): Promise<{ client: ApiClientSummary; key: string }> {
  const generated = input.key
    ? { key: input.key, keyHash: hashApiKey(input.key), keyPrefix: displayPrefix(input.key) }
    : generateApiKey();
  const [existing] = await db.select({ id: apiClients.id }).from(apiClients).where(eq(apiClients.name, input.name));
  if (existing) {
    throw new ApiError("conflict", `A client named ${input.name} already exists`, {
      errors: [{ path: "name", message: "This name is already in use" }],
    });
  }
  const [row] = await db
    .insert(apiClients)
    .values({
      name: input.name,
      scopes: [...new Set(input.scopes)],
      organisation: input.organisation || null,
      partyIds: [...new Set(input.partyIds ?? [])],
      keyHash: generated.keyHash,
      keyPrefix: generated.keyPrefix,
      createdBy: input.createdBy ?? null,
    })
    .returning();
  return { client: withoutHash(row!), key: generated.key };
}

export async function listApiClients(db: Database): Promise<ApiClientSummary[]> {
  const rows = await db.select().from(apiClients).orderBy(asc(apiClients.name));
  return rows.map(withoutHash);
}

/** Revokes a client at once; revoking twice is harmless. Unknown ids are `not_found`. */
export async function revokeApiClient(db: Database, id: string): Promise<ApiClientSummary> {
  const [row] = await db
    .update(apiClients)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiClients.id, id), isNull(apiClients.revokedAt)))
    .returning();
  if (row) return withoutHash(row);
  const [already] = await db.select().from(apiClients).where(eq(apiClients.id, id));
  if (!already) throw new ApiError("not_found", "No such API client");
  return withoutHash(already);
}

// Recording "last used" on every request would turn each read into a write; once a minute is plenty.
const LAST_USED_INTERVAL_MS = 60_000;
const lastUsedWrites = new Map<string, number>();

/** The active client holding this key, or null for an unknown or revoked key. */
// Runs on every request a service makes, so it is built once (see preparedQuery).
const activeClientByKeyHash = (db: Database) =>
  db
    .select({ id: apiClients.id, name: apiClients.name, scopes: apiClients.scopes })
    .from(apiClients)
    .where(and(eq(apiClients.keyHash, sql.placeholder("keyHash")), isNull(apiClients.revokedAt)))
    .prepare("active_client_by_key_hash");

export async function findClientCallerByKey(db: Database, key: string): Promise<ClientCaller | null> {
  const [client] = await preparedQuery(db, "activeClientByKeyHash", activeClientByKeyHash).execute({
    keyHash: hashApiKey(key),
  });
  if (!client) return null;
  const now = Date.now();
  if (now - (lastUsedWrites.get(client.id) ?? 0) > LAST_USED_INTERVAL_MS) {
    lastUsedWrites.set(client.id, now);
    await db
      .update(apiClients)
      .set({ lastUsedAt: new Date(now) })
      .where(eq(apiClients.id, client.id));
  }
  return { kind: "client", ...client };
}

function withoutHash(row: ApiClient): ApiClientSummary {
  const { keyHash: _hidden, ...summary } = row;
  return summary;
}
