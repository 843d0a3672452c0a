import { describe, expect, it } from "vitest";
import { callRoute } from "@/lib/testing/call-route";
import {
  createEmailDeliveries,
  deliveriesById,
  setUpDeliveryTest,
  statusEventsOf,
  waitFor,
} from "@/lib/delivery/test-support";
import { POST } from "./route";

const context = setUpDeliveryTest();
const receipt = (id: string, reference: string) => ({
  id,
  reference,
  to: "a@example.com",
  status: "permanent-failure",
  created_at: "2026-11-23T10:00:00.000000Z",
  completed_at: "2026-11-23T10:00:05.000000Z",
  sent_at: "2026-11-23T10:00:01.000000Z",
  notification_type: "email",
});

describe("POST /api/v1/notify/callbacks", () => {
  it("refuses a missing or wrong bearer token with problem+json 401", async () => {
    for (const headers of [{}, { authorization: "Bearer wrong" }] as Record<string, string>[]) {
      const { status, headers: responseHeaders } = await callRoute(POST, "POST", "/api/v1/notify/callbacks", {
        headers,
        body: receipt("x", "y"),
      });
      expect(status).toBe(401);
      expect(responseHeaders.get("content-type")).toContain("application/problem+json");
    }
  });

  it("validates the body and records a receipt once, however often it comes", async () => {
    const auth = { authorization: `Bearer ${context.callbackToken}` };
    expect(
      (await callRoute(POST, "POST", "/api/v1/notify/callbacks", { headers: auth, body: { status: 5 } })).status,
    ).toBe(400);
    context.simulator.setCallback(null);
    const [delivery] = await createEmailDeliveries(context.handle.db, 1);
    const sent = await waitFor(
      () => deliveriesById(context.handle.db, [delivery!.id]),
      ([row]) => row!.notifyId !== null,
    );
    for (let i = 0; i < 2; i += 1) {
      expect(
        (
          await callRoute(POST, "POST", "/api/v1/notify/callbacks", {
            headers: auth,
            body: receipt(sent[0]!.notifyId!, delivery!.id),
          })
        ).status,
      ).toBe(204);
    }
    const [row] = await deliveriesById(context.handle.db, [delivery!.id]);
    expect(row!.status).toBe("permanent-failure");
    expect(
      (await statusEventsOf(context.handle.db, delivery!.id)).filter((event) => event.source === "callback"),
    ).toHaveLength(1);
    context.restoreCallback();
  });
});
