import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getSettings } from "@/lib/config/settings";

let cached: string | undefined;

/**
 * The key that signs and encrypts session cookies. AUTH_SECRET when set (required when several
 * replicas share sessions); otherwise one generated on first start and kept in DATA_DIR, so the
 * two-command quick start needs no configuration and sessions survive restarts.
 */
export function getAuthSecret(): string {
  if (cached) return cached;
  const { auth, database } = getSettings();
  if (auth.secret) return (cached = auth.secret);
  const file = path.join(database.dataDir, "auth-secret");
  fs.mkdirSync(database.dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return (cached = fs.readFileSync(file, "utf8").trim());
}
