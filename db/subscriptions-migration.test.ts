import fs from "node:fs";
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "./client";
import { migrateDatabase } from "./migrate";
import { apiClients, subscriptionMessages, subscriptions } from "./schema";
import { migrationsBefore } from "./testing/migrations-before";
import { createTestDatabase } from "./testing/test-database";

// Migration 0030 adds subscriptions, their messages and attempts, and an organisation and party ids
// to API clients. Clients issued before it have none; the tables refuse what the API never writes.

const migrationTag = "0030_subscriptions";

let handle: DatabaseHandle;
let folderBefore: string;
let clientId = "";

beforeAll(async () => {
  folderBefore = migrationsBefore(migrationTag);
  handle = await createTestDatabase({ migrationsFolder: folderBefore });
  // Raw SQL: the schema in code already has the columns this migration adds.
  await handle.db.execute(
    sql`insert into api_clients (name, scopes, key_hash, key_prefix) values ('old-service', '{notifications:read}', 'hash-of-old', 'old-serv')`,
  );
  await migrateDatabase(handle);
  clientId = (await handle.db.select({ id: apiClients.id }).from(apiClients))[0]!.id;
});

afterAll(async () => {
  await handle?.close();
  fs.rmSync(folderBefore, { recursive: true, force: true });
});

const subscription = (overrides: Partial<typeof subscriptions.$inferInsert> = {}) => ({
  clientId,
  eventType: "notification.created",
  contactEmails: ["ops@example.com"],
  expiresOn: "2027-01-31",
  emailAddresses: ["ops@example.com"],
  ...overrides,
});

describe("migration 0030: subscriptions", () => {
  it("gives clients issued before it no organisation and no party ids", async () => {
    const [client] = await handle.db.select().from(apiClients);
    expect(client).toMatchObject({ name: "old-service", organisation: null, partyIds: [] });
  });

  it("refuses a subscription with no channel or no contact", async () => {
    await expect(handle.db.insert(subscriptions).values(subscription({ emailAddresses: null }))).rejects.toThrow();
    await expect(handle.db.insert(subscriptions).values(subscription({ contactEmails: [] }))).rejects.toThrow();
  });

  it("keeps one message per event, subscription and channel, but any number of replays", async () => {
    const [row] = await handle.db.insert(subscriptions).values(subscription()).returning({ id: subscriptions.id });
    const eventId = randomUUID();
    const message = {
      subscriptionId: row!.id,
      channel: "email" as const,
      eventType: "notification.created",
      eventId,
      payload: {},
    };
    const [original] = await handle.db.insert(subscriptionMessages).values(message).returning();
    await expect(handle.db.insert(subscriptionMessages).values(message)).rejects.toThrow();
    await handle.db.insert(subscriptionMessages).values({ ...message, replayOf: original!.id });
    await handle.db.insert(subscriptionMessages).values({ ...message, replayOf: original!.id });
    const stored = await handle.db.select().from(subscriptionMessages).where(eq(subscriptionMessages.eventId, eventId));
    expect(stored).toHaveLength(3);
  });
});
