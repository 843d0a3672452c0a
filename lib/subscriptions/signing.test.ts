import { randomBytes, randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "./secret-box";
import { generateSigningSecret, signWebhook, signingSecretsOf, previousSecretOverlapMs } from "./signing";

// Our signatures are checked by the Standard Webhooks reference library, not by our own code.

const key = randomBytes(32);
const body = JSON.stringify({ type: "notification.created", timestamp: "2026-12-01T10:00:00.000Z", data: { id: "x" } });

function headersFor(msgId: string, at: Date, signature: string) {
  return {
    "webhook-id": msgId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": signature,
  };
}

describe("signWebhook", () => {
  it("produces a signature the standardwebhooks library verifies", () => {
    const secret = generateSigningSecret();
    const msgId = randomUUID();
    const now = new Date();
    const signature = signWebhook({ msgId, timestamp: now, body, secrets: [secret] });
    expect(signature).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, headersFor(msgId, now, signature))).toEqual(JSON.parse(body));
    // The library's own signature is the same bytes.
    expect(new Webhook(secret).sign(msgId, now, body)).toBe(signature);
  });

  it("is refused by the library for another secret, another body or another id", () => {
    const secret = generateSigningSecret();
    const msgId = randomUUID();
    const now = new Date();
    const signature = signWebhook({ msgId, timestamp: now, body, secrets: [secret] });
    expect(() => new Webhook(generateSigningSecret()).verify(body, headersFor(msgId, now, signature))).toThrow();
    expect(() => new Webhook(secret).verify(`${body} `, headersFor(msgId, now, signature))).toThrow();
    expect(() => new Webhook(secret).verify(body, headersFor(randomUUID(), now, signature))).toThrow();
  });

  it("signs with every active secret, so receivers holding either the new or the old one verify", () => {
    const [newer, older] = [generateSigningSecret(), generateSigningSecret()];
    const msgId = randomUUID();
    const now = new Date();
    const signature = signWebhook({ msgId, timestamp: now, body, secrets: [newer, older] });
    expect(signature.split(" ")).toHaveLength(2);
    for (const secret of [newer, older])
      expect(() => new Webhook(secret).verify(body, headersFor(msgId, now, signature))).not.toThrow();
  });

  it("generates whsec_ secrets of 32 random bytes, different every time", () => {
    const secret = generateSigningSecret();
    expect(secret).toMatch(/^whsec_/);
    expect(Buffer.from(secret.slice(6), "base64")).toHaveLength(32);
    expect(generateSigningSecret()).not.toBe(secret);
  });
});

describe("signingSecretsOf", () => {
  const id = randomUUID();
  const [current, previous] = [generateSigningSecret(), generateSigningSecret()];
  const rotatedAt = new Date("2026-12-01T10:00:00Z");
  const subscription = {
    id,
    secretCiphertext: encryptSecret(current, key, id),
    previousSecretCiphertext: encryptSecret(previous, key, id),
    previousSecretExpiresAt: new Date(rotatedAt.getTime() + previousSecretOverlapMs),
  };

  it.each([
    ["just after a rotation", new Date(rotatedAt.getTime() + 1000), [current, previous]],
    ["23 hours 59 minutes on", new Date(rotatedAt.getTime() + previousSecretOverlapMs - 60_000), [current, previous]],
    ["24 hours on", new Date(rotatedAt.getTime() + previousSecretOverlapMs), [current]],
  ])("%s", (_, now, expected) => {
    expect(signingSecretsOf(subscription, now, key)).toEqual(expected);
  });

  it("is empty for an email-only subscription", () => {
    expect(signingSecretsOf({ ...subscription, secretCiphertext: null }, new Date(), key)).toEqual([]);
  });
});

describe("the secret box", () => {
  it("keeps no readable secret, and opens only with its key and for its own subscription", () => {
    const id = randomUUID();
    const secret = generateSigningSecret();
    const box = encryptSecret(secret, key, id);
    expect(box).not.toContain(secret.slice(6, 20));
    expect(decryptSecret(box, key, id)).toBe(secret);
    expect(() => decryptSecret(box, randomBytes(32), id)).toThrow();
    expect(() => decryptSecret(box, key, randomUUID())).toThrow();
  });
});
