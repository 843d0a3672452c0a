import { describe, expect, it } from "vitest";
import { createTestDatabase } from "@/db/testing/test-database";
import { setDatabaseHandle } from "@/db/runtime";
import { GET as health } from "../../health/route";
import { GET } from "./route";

const context = { params: Promise.resolve({}) };

describe("GET /api/v1/healthcheck/ping", () => {
  it("answers as GET /api/v1/health does, without credentials, up and down", async () => {
    const handle = await createTestDatabase();
    setDatabaseHandle(handle);
    try {
      const ping = await GET(new Request("http://test/api/v1/healthcheck/ping"), context);
      const reference = await health(new Request("http://test/api/v1/health"), context);
      expect(ping.status).toBe(200);
      expect(await ping.json()).toEqual(await reference.json());

      await handle.close();
      const down = await GET(new Request("http://test/api/v1/healthcheck/ping"), context);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ status: "unavailable", database: "down" });
    } finally {
      setDatabaseHandle(undefined);
    }
  });
});
