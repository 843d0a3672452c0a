import { randomUUID } from "node:crypto";
import type { Database } from "@/db/client";
import {
  subscriptionAttempts,
  subscriptionMessages,
  subscriptions,
  type NewSubscription,
  type NewSubscriptionMessage,
} from "@/db/schema";
import { createApiClient } from "@/lib/auth/api-clients";
import type { ClientCaller } from "@/lib/auth/caller";
import { latestExpiresOn } from "../expiry";

// Subscriptions and messages written straight to the database, as the publisher (part 2a) and the
// delivery worker (part 2b) would leave them, for the tests of reading and replaying them.

export type TestSubscriber = { caller: ClientCaller; headers: Record<string, string> };

export async function createSubscriber(db: Database, organisation: string | null = null): Promise<TestSubscriber> {
  const { client, key } = await createApiClient(db, {
    name: `subscriber-${randomUUID().slice(0, 8)}`,
    scopes: ["subscriptions:manage"],
    organisation: organisation ?? undefined,
  });
  return {
    caller: { kind: "client", id: client.id, name: client.name, scopes: client.scopes },
    headers: { authorization: `Bearer ${key}` },
  };
}

export async function insertSubscription(
  db: Database,
  clientId: string,
  overrides: Partial<NewSubscription> = {},
): Promise<string> {
  const [row] = await db
    .insert(subscriptions)
    .values({
      clientId,
      eventType: "notification.created",
      contactEmails: ["ops@fibre.example"],
      expiresOn: latestExpiresOn(new Date()),
      webhookUrl: "https://93.184.215.14/webhooks",
      ...overrides,
    })
    .returning({ id: subscriptions.id });
  return row!.id;
}

/** A message as delivery left it; a failed one with one attempt that got a 500. */
export async function insertMessage(
  db: Database,
  subscriptionId: string,
  overrides: Partial<NewSubscriptionMessage> = {},
): Promise<string> {
  const eventId = randomUUID();
  const [row] = await db
    .insert(subscriptionMessages)
    .values({
      subscriptionId,
      channel: "webhook",
      eventType: "notification.created",
      eventId,
      payload: { type: "notification.created", timestamp: new Date().toISOString(), data: { id: eventId } },
      status: "fail",
      attemptCount: 1,
      category: "rent-arrears",
      ...overrides,
    })
    .returning({ id: subscriptionMessages.id, status: subscriptionMessages.status });
  if (row!.status !== "pending")
    await db.insert(subscriptionAttempts).values({
      messageId: row!.id,
      trigger: "scheduled",
      statusCode: row!.status === "sent" ? 200 : 500,
      durationMs: 12,
      responseExcerpt: row!.status === "sent" ? "ok" : "boom",
    });
  return row!.id;
}
