import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiClients } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { ApiError } from "@/lib/api/errors";
import {
  createApiClient,
  createApiClientBodySchema,
  findClientCallerByKey,
  listApiClients,
  revokeApiClient,
} from "./api-clients";
import { hashApiKey } from "./api-keys";

const database = setUpTestDatabase();

describe("API clients", () => {
  it("issues a random key once and stores only its hash", async () => {
    const { db } = database.handle;
    const { client, key } = await createApiClient(db, { name: "repairs-hub", scopes: ["notifications:write"] });
    expect(key).toMatch(/^nck_[A-Za-z0-9_-]{43}$/);
    expect(client).not.toHaveProperty("keyHash");
    const [stored] = await db.select().from(apiClients).where(eq(apiClients.id, client.id));
    expect(stored!.keyHash).toBe(hashApiKey(key));
    expect(JSON.stringify(stored)).not.toContain(key);
    expect(client.keyPrefix).toBe(key.slice(0, 10));
  });

  it("keeps the organisation and party ids its subscriptions show, none when not given", async () => {
    const { db } = database.handle;
    const named = await createApiClient(db, {
      name: "fibre-provider",
      scopes: ["subscriptions:manage"],
      organisation: "Fibre Ltd",
      partyIds: ["P-1", "P-2", "P-1"],
    });
    expect(named.client).toMatchObject({ organisation: "Fibre Ltd", partyIds: ["P-1", "P-2"] });
    const plain = await createApiClient(db, { name: "plain-service", scopes: ["notifications:read"] });
    expect(plain.client).toMatchObject({ organisation: null, partyIds: [] });
  });

  it.each([
    [{ organisation: "x".repeat(201) }, "organisation"],
    [{ partyIds: ["has space"] }, "partyIds.0"],
    [{ partyIds: [""] }, "partyIds.0"],
    [{ partyIds: Array.from({ length: 51 }, (_, index) => `P-${index}`) }, "partyIds"],
  ])("refuses %j at %s", (extra, path) => {
    const parsed = createApiClientBodySchema.safeParse({
      name: "fibre-provider",
      scopes: ["subscriptions:manage"],
      ...extra,
    });
    expect(parsed.success).toBe(false);
    expect([...new Set(parsed.error!.issues.map((issue) => issue.path.join(".")))]).toEqual([path]);
  });

  it("finds the client by its key with its scopes, and nothing for a wrong key", async () => {
    const { db } = database.handle;
    const { client, key } = await createApiClient(db, {
      name: "income-service",
      scopes: ["activity:read", "activity:write"],
    });
    await expect(findClientCallerByKey(db, key)).resolves.toEqual({
      kind: "client",
      id: client.id,
      name: "income-service",
      scopes: ["activity:read", "activity:write"],
    });
    await expect(findClientCallerByKey(db, `${key}x`)).resolves.toBeNull();
  });

  it("stops a revoked key at once", async () => {
    const { db } = database.handle;
    const { client, key } = await createApiClient(db, { name: "old-service", scopes: ["notifications:read"] });
    const revoked = await revokeApiClient(db, client.id);
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    await expect(findClientCallerByKey(db, key)).resolves.toBeNull();
    await expect(revokeApiClient(db, client.id)).resolves.toMatchObject({ id: client.id });
  });

  it("refuses a second client with the same name as a conflict", async () => {
    const { db } = database.handle;
    await createApiClient(db, { name: "twice", scopes: ["notifications:read"] });
    const error = await createApiClient(db, { name: "twice", scopes: ["notifications:read"] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(409);
  });

  it("answers not_found for an unknown client", async () => {
    const error = await revokeApiClient(database.handle.db, "00000000-0000-4000-8000-000000000000").catch(
      (e: unknown) => e,
    );
    expect((error as ApiError).code).toBe("not_found");
  });

  it("lists clients without their hashes", async () => {
    const clients = await listApiClients(database.handle.db);
    expect(clients.length).toBeGreaterThan(0);
    for (const client of clients) expect(client).not.toHaveProperty("keyHash");
  });
});
