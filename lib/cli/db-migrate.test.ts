import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const tsx = path.resolve("node_modules/.bin/tsx");

function runMigrate(environment: Record<string, string>) {
  return spawnSync(tsx, ["lib/cli/db-migrate.ts"], {
    env: { ...process.env, ...environment },
    encoding: "utf8",
    timeout: 30_000,
  });
}

describe("npm run db:migrate", () => {
  it("refuses with a clear message, and without the password, when DATABASE_URL is unreachable", () => {
    const result = runMigrate({ DATABASE_URL: "postgres://app:hunter2@127.0.0.1:1/notifications" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Cannot reach the PostgreSQL server at 127.0.0.1:1/notifications (DATABASE_URL)");
    expect(result.stderr + result.stdout).not.toContain("hunter2");
  });

  it.each([
    [{ DATABASE_URL: "not-a-url" }, "DATABASE_URL: must be a URL"],
    [{ DELIVERY_RETRY_LIMIT: "ten" }, "DELIVERY_RETRY_LIMIT: must be a whole number of at least 0, not 'ten'"],
    [{ WORKERS_IN_APP: "no" }, "WORKERS_IN_APP: must be true, false, 1 or 0, not 'no'"],
  ])("refuses with a message naming the variable when the configuration is invalid (%j)", (environment, message) => {
    const result = runMigrate(environment);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(message);
  });
});
