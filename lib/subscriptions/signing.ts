import { createHmac, randomBytes } from "node:crypto";
import type { Subscription } from "@/db/schema";
import { decryptSecret, getWebhookSecretsKey } from "./secret-box";

// Standard Webhooks, symmetric: HMAC-SHA256 over `msgId.timestamp.body` with a `whsec_` secret,
// sent as `webhook-signature: v1,<base64>` (several, space-separated, while a rotation overlaps).

const secretPrefix = "whsec_";

/** How long a rotated-out secret keeps signing alongside the new one. */
export const previousSecretOverlapMs = 24 * 60 * 60 * 1000;

/** A new signing secret: `whsec_` and 32 random bytes in base64 (the spec allows 24–64). */
export function generateSigningSecret(): string {
  return secretPrefix + randomBytes(32).toString("base64");
}

export type SignWebhookInput = {
  /** The message id (`webhook-id`): the same on every retry. */
  msgId: string;
  /** This attempt's time (`webhook-timestamp`), whole seconds since the epoch when a number. */
  timestamp: Date | number;
  /** The body exactly as sent. */
  body: string;
  /** The active secrets, newest first (signingSecretsOf). */
  secrets: readonly string[];
};

/** The `webhook-timestamp` header value for a time. */
export function webhookTimestamp(timestamp: Date | number): string {
  return String(typeof timestamp === "number" ? Math.floor(timestamp) : Math.floor(timestamp.getTime() / 1000));
}

/** The `webhook-signature` header value: one `v1,<base64>` entry per secret, space-separated. */
export function signWebhook({ msgId, timestamp, body, secrets }: SignWebhookInput): string {
  if (secrets.length === 0) throw new Error("A webhook needs at least one secret to sign with");
  const signed = `${msgId}.${webhookTimestamp(timestamp)}.${body}`;
  return secrets
    .map((secret) => {
      const key = Buffer.from(secret.startsWith(secretPrefix) ? secret.slice(secretPrefix.length) : secret, "base64");
      return `v1,${createHmac("sha256", key).update(signed, "utf8").digest("base64")}`;
    })
    .join(" ");
}

type SigningFields = Pick<
  Subscription,
  "id" | "secretCiphertext" | "previousSecretCiphertext" | "previousSecretExpiresAt"
>;

/**
 * The secrets a webhook for this subscription is signed with now: the current one, then the one it
 * replaced while its 24 hours last. Empty for an email-only subscription.
 */
export function signingSecretsOf(
  subscription: SigningFields,
  now: Date,
  key: Buffer = getWebhookSecretsKey(),
): string[] {
  if (!subscription.secretCiphertext) return [];
  const secrets = [decryptSecret(subscription.secretCiphertext, key, subscription.id)];
  const { previousSecretCiphertext, previousSecretExpiresAt } = subscription;
  if (previousSecretCiphertext && previousSecretExpiresAt && previousSecretExpiresAt > now)
    secrets.push(decryptSecret(previousSecretCiphertext, key, subscription.id));
  return secrets;
}
