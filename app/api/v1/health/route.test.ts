import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "@/db/testing/test-database";
import { setDatabaseHandle } from "@/db/runtime";
import { connectionStringFor } from "@/lib/delivery/test-support";
import { getDeliveryQueue, setDeliveryQueueTarget } from "@/lib/delivery/queue";
import { clearHealthCache } from "@/lib/health/check-health";
import { setNotifyServices } from "@/lib/notify/service-registry";
import { startNotifySimulator } from "@/lib/notify-simulator";
import { GET } from "./route";

const context = { params: Promise.resolve({}) };

describe("GET /api/v1/health", () => {
  it("reports ok while the database answers, and 503 once it does not", async () => {
    const handle = await createTestDatabase();
    setDatabaseHandle(handle);
    try {
      const healthy = await GET(new Request("http://test/api/v1/health"), context);
      expect(healthy.status).toBe(200);
      expect(await healthy.json()).toMatchObject({
        status: "ok",
        database: "up",
        queue: "stopped",
        notify: { mode: expect.any(String), reachable: expect.any(Boolean) },
      });

      await handle.close();
      const down = await GET(new Request("http://test/api/v1/health"), context);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ status: "unavailable", database: "down" });
    } finally {
      setDatabaseHandle(undefined);
    }
  });

  it("reports the delivery queue and the Notify simulator once they run", async () => {
    const handle = await createTestDatabase();
    setDatabaseHandle(handle);
    const simulator = await startNotifySimulator({
      port: 0,
      serviceId: randomUUID(),
      apiKeySecret: randomUUID(),
      onError: () => {},
    });
    setNotifyServices([{ key: "housing", apiKey: simulator.apiKey, baseUrl: simulator.url }], {
      kind: "simulator",
      simulator,
    });
    clearHealthCache();
    try {
      await setDeliveryQueueTarget({ handle, connectionString: connectionStringFor(handle) });
      await getDeliveryQueue();
      const healthy = await GET(new Request("http://test/api/v1/health"), context);
      expect(await healthy.json()).toEqual({
        status: "ok",
        database: "up",
        queue: "up",
        notify: { mode: "simulator", reachable: true },
      });
      await simulator.close();
      clearHealthCache();
      const noNotify = await GET(new Request("http://test/api/v1/health"), context);
      expect(await noNotify.json()).toMatchObject({ status: "ok", notify: { mode: "simulator", reachable: false } });
    } finally {
      await setDeliveryQueueTarget(undefined);
      setNotifyServices(undefined);
      clearHealthCache();
      setDatabaseHandle(undefined);
      await handle.close();
    }
  });
});
