import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { readSettings } from "@/lib/config/settings";
import { getWebhookSecretsKey } from "./secret-box";

describe("getWebhookSecretsKey", () => {
  it("uses WEBHOOK_SECRETS_KEY when it is set", () => {
    const key = Buffer.alloc(32, 9);
    expect(getWebhookSecretsKey(readSettings({ WEBHOOK_SECRETS_KEY: key.toString("base64") }))).toEqual(key);
  });

  it("refuses, naming the variable, on PostgreSQL without the key: app and workers must share one", () => {
    const settings = readSettings({ DATABASE_URL: "postgres://127.0.0.1/x" });
    expect(() => getWebhookSecretsKey(settings)).toThrow(ApiError);
    expect(() => getWebhookSecretsKey(settings)).toThrow(/WEBHOOK_SECRETS_KEY/);
  });

  it("generates one key into DATA_DIR on the embedded database, readable only by its owner", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "webhook-key-"));
    const key = getWebhookSecretsKey(readSettings({ DATA_DIR: dataDir }));
    expect(key).toHaveLength(32);
    const file = path.join(dataDir, "webhook-secrets-key");
    expect(Buffer.from(fs.readFileSync(file, "utf8"), "base64")).toEqual(key);
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    fs.rmSync(dataDir, { recursive: true });
  });
});
