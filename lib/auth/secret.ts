import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getConfig } from "@/lib/config/env";

let cached: string | undefined;

/**
 * The key that signs and encrypts session cookies. AUTH_SECRET when set (required when several
 * replicas share sessions); otherwise one generated on first start and kept in DATA_DIR, so the
 * two-command quick start needs no configuration and sessions survive restarts.
 */
export function getAuthSecret(): string {
  if (cached) return cached;
  const config = getConfig();
  if (config.authSecret) return (cached = config.authSecret);
  const file = path.join(config.dataDir, "auth-secret");
  fs.mkdirSync(config.dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return (cached = fs.readFileSync(file, "utf8").trim());
}
