import { randomUUID } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { apiClients, subscriptions } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import type { Caller } from "@/lib/auth/caller";
import { authorize, mayManageSubscriptions } from "@/lib/auth/policies";
import { getSettings } from "@/lib/config/settings";
import type {
  CreateSubscriptionBody,
  CreatedSubscriptionResponse,
  RotatedSecretResponse,
  SubscriptionResponse,
  UpdateSubscriptionBody,
} from "./contract";
import { resolveExpiresOn } from "./expiry";
import { getOwnSubscriptionRowOrThrow } from "./read-subscriptions";
import { encryptSecret, getWebhookSecretsKey } from "./secret-box";
import { generateSigningSecret, previousSecretOverlapMs } from "./signing";
import { toSubscriptionResponse } from "./to-response";
import { assertWebhookUrlAllowed, type ResolveHost } from "./webhook-url";

// Creating, extending, deleting and re-keying a client's own subscriptions.

export type SubscriptionWriteOptions = {
  now?: Date;
  /** DNS for the SSRF check; tests pass a fake one. */
  resolve?: ResolveHost;
  /** WEBHOOKS_ALLOW_PRIVATE; the settings' value unless given. */
  allowPrivate?: boolean;
  /** WEBHOOK_SECRETS_KEY; the settings' (or generated) key unless given. */
  key?: Buffer;
};

/**
 * Subscribes the calling client. The webhook URL is checked against the SSRF rule first (a DNS
 * lookup, outside any transaction); the signing secret is returned here once and stored encrypted.
 */
export async function createSubscription(
  db: Database,
  caller: Caller,
  body: CreateSubscriptionBody,
  options: SubscriptionWriteOptions = {},
): Promise<CreatedSubscriptionResponse> {
  authorize(caller, mayManageSubscriptions);
  const now = options.now ?? new Date();
  const expiresOn = resolveExpiresOn(body.expiresOn, now);
  const webhook = body.notificationChannels.webhook;
  if (webhook)
    await assertWebhookUrlAllowed(webhook.url, {
      allowPrivate: options.allowPrivate ?? getSettings().webhooks.allowPrivate,
      resolve: options.resolve,
    });
  const id = randomUUID();
  const secret = webhook ? generateSigningSecret() : null;
  const [row] = await db
    .insert(subscriptions)
    .values({
      id,
      clientId: caller.id,
      eventType: body.eventType,
      filters: body.filters ?? {},
      contactEmails: unique(body.contactEmails),
      expiresOn,
      webhookUrl: webhook?.url ?? null,
      emailAddresses: body.notificationChannels.email ? unique(body.notificationChannels.email.addresses) : null,
      secretCiphertext: secret ? encryptSecret(secret, options.key ?? getWebhookSecretsKey(), id) : null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const [client] = await db
    .select({ organisation: apiClients.organisation, partyIds: apiClients.partyIds })
    .from(apiClients)
    .where(eq(apiClients.id, caller.id));
  return { ...toSubscriptionResponse(row!, client!), secret };
}

/** PATCH: a new expiry, capped at a year ahead. The expiry reminders start again for the new date. */
export async function updateSubscriptionExpiry(
  db: Database,
  caller: Caller,
  id: string,
  body: UpdateSubscriptionBody,
  options: Pick<SubscriptionWriteOptions, "now"> = {},
): Promise<SubscriptionResponse> {
  const now = options.now ?? new Date();
  const { client } = await getOwnSubscriptionRowOrThrow(db, caller, id);
  const expiresOn = resolveExpiresOn(body.expiresOn, now);
  const [row] = await db
    .update(subscriptions)
    .set({ expiresOn, updatedAt: now, expiryNoticesSent: [] })
    .where(and(eq(subscriptions.id, id), isNull(subscriptions.deletedAt)))
    .returning();
  if (!row) throw new ApiError("not_found", "No subscription with this id");
  return toSubscriptionResponse(row, client);
}

/** DELETE: no more deliveries. Kept, marked deleted, so its messages and attempts still explain themselves. */
export async function deleteSubscription(db: Database, caller: Caller, id: string, now = new Date()): Promise<void> {
  await getOwnSubscriptionRowOrThrow(db, caller, id);
  await db
    .update(subscriptions)
    .set({ deletedAt: now, updatedAt: now })
    .where(and(eq(subscriptions.id, id), isNull(subscriptions.deletedAt)));
}

/**
 * A new signing secret, returned once. The one it replaces keeps signing alongside for 24 hours, so
 * the receiver can switch without dropping a webhook; a secret already on its way out is dropped.
 */
export async function rotateSubscriptionSecret(
  db: Database,
  caller: Caller,
  id: string,
  options: Pick<SubscriptionWriteOptions, "now" | "key"> = {},
): Promise<RotatedSecretResponse> {
  const now = options.now ?? new Date();
  const { subscription } = await getOwnSubscriptionRowOrThrow(db, caller, id);
  const current = subscription.secretCiphertext;
  if (!current) throw new ApiError("conflict", "This subscription has no webhook channel, so it has no signing secret");
  const secret = generateSigningSecret();
  const previousSecretExpiresAt = new Date(now.getTime() + previousSecretOverlapMs);
  // Only if nobody rotated in between: otherwise the "previous" secret would be one never handed out.
  const [row] = await db
    .update(subscriptions)
    .set({
      secretCiphertext: encryptSecret(secret, options.key ?? getWebhookSecretsKey(), id),
      previousSecretCiphertext: current,
      previousSecretExpiresAt,
      updatedAt: now,
    })
    .where(
      and(
        eq(subscriptions.id, id),
        isNull(subscriptions.deletedAt),
        sql`${subscriptions.secretCiphertext} = ${current}`,
      ),
    )
    .returning({ id: subscriptions.id });
  if (!row) throw new ApiError("conflict", "The secret was rotated by another request at the same time; try again");
  return { id, secret, previousSecretExpiresAt: previousSecretExpiresAt.toISOString() };
}

function unique(addresses: string[]): string[] {
  return [...new Set(addresses.map((address) => address.toLowerCase()))];
}
