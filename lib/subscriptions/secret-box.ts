import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ApiError } from "@/lib/api/errors";
import { getSettings, type Settings } from "@/lib/config/settings";

// Webhook signing secrets at rest. HMAC signing needs the secret itself, so it cannot be hashed the
// way API keys are: it is encrypted with AES-256-GCM under WEBHOOK_SECRETS_KEY instead. The
// subscription's id is the additional authenticated data, so a ciphertext copied onto another row
// does not decrypt there.

const version = "v1";

/** `v1.<iv>.<tag>.<ciphertext>`, each part base64url. */
export function encryptSecret(secret: string, key: Buffer, subscriptionId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(subscriptionId, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [version, iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString("base64url")).join(".");
}

/** The secret back; throws if the box was made under another key, for another subscription, or altered. */
export function decryptSecret(box: string, key: Buffer, subscriptionId: string): string {
  const [boxVersion, iv, tag, ciphertext] = box.split(".");
  if (boxVersion !== version || !iv || !tag || ciphertext === undefined)
    throw new Error("Not a webhook secret this service encrypted");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(subscriptionId, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}

let generated: Buffer | undefined;

/**
 * WEBHOOK_SECRETS_KEY, or on the embedded database one generated once into DATA_DIR (as the session
 * secret is), so the quick start needs no configuration. With DATABASE_URL it must be set: the app
 * and `npm run worker` are separate processes, often on separate hosts, and must decrypt with the
 * same key; a per-host key would fail silently at send time. Deriving it from AUTH_SECRET would tie
 * webhook secrets to session-secret rotation. It is asked for when first used rather than at
 * start-up, so a PostgreSQL deployment that has no subscriptions starts as before.
 */
export function getWebhookSecretsKey(settings: Settings = getSettings()): Buffer {
  if (settings.webhooks.secretsKey) return settings.webhooks.secretsKey;
  if (settings.database.url)
    throw new ApiError(
      "service_unavailable",
      "Webhook subscriptions need WEBHOOK_SECRETS_KEY (32 bytes in base64) when DATABASE_URL is set; ask the service's operators to set it",
    );
  if (generated) return generated;
  const { dataDir } = settings.database;
  const file = path.join(dataDir, "webhook-secrets-key");
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(32).toString("base64"), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return (generated = Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64"));
}
