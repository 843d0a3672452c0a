import { afterEach, describe, expect, it } from "vitest";
import { resetSettings } from "@/lib/config/settings";
import { prepareDatabase } from "./prepare";

const changed = ["DATABASE_URL", "DELIVERY_RETRY_LIMIT", "NOTIFY_SIMULATOR_PORT"] as const;
const saved = Object.fromEntries(changed.map((name) => [name, process.env[name]]));

afterEach(() => {
  for (const name of changed) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  resetSettings();
});

describe("prepareDatabase", () => {
  it("names every bad variable before it tries to reach the database", async () => {
    // Were the settings not checked first, this would fail on the unreachable server instead.
    process.env.DATABASE_URL = "postgres://app@127.0.0.1:1/notifications";
    process.env.DELIVERY_RETRY_LIMIT = "ten";
    process.env.NOTIFY_SIMULATOR_PORT = "abc";
    resetSettings();
    await expect(prepareDatabase()).rejects.toThrow(
      "Invalid configuration:\n" +
        "  NOTIFY_SIMULATOR_PORT: must be a whole number from 0 to 65535, not 'abc'\n" +
        "  DELIVERY_RETRY_LIMIT: must be a whole number of at least 0, not 'ten'",
    );
  });
});
