import { beforeAll, describe, expect, it } from "vitest";
import { findDeliveryOf, setUpDeliveryTest, waitFor } from "@/lib/delivery/test-support";
import { callRoute } from "@/lib/testing/call-route";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";
import { emailNotificationBody, postNotification } from "@/lib/testing/notification-requests";
import * as messageStatus from "./route";

const context = setUpDeliveryTest();
let demo: DemoCallers;
beforeAll(async () => {
  demo = await setUpDemoCallers(context.handle.db);
});

/** Creates an email through the API as the demo service and waits until Notify has accepted it. */
async function sendEmail(email: string) {
  const { json: created } = await postNotification(demo.serviceHeaders, emailNotificationBody(email));
  const delivery = await waitFor(
    () => findDeliveryOf(context.handle.db, created.id),
    (row) => Boolean(row?.notifyId),
  );
  return { deliveryId: delivery!.id, notifyId: delivery!.notifyId! };
}

const getStatus = (headers: Record<string, string>, notifyId: string) =>
  callRoute(messageStatus.GET, "GET", `/api/v1/message-status/housing/${notifyId}`, {
    headers,
    params: { serviceKey: "housing", notifyId },
  });

describe("GET /api/v1/message-status/{serviceKey}/{notifyId}", () => {
  it("answers Notify's view in camelCase to the client that sent it, and 404 to anyone else", async () => {
    const { deliveryId, notifyId } = await sendEmail("x@example.com");
    const mine = await getStatus(demo.serviceHeaders, notifyId);
    expect(mine.status).toBe(200);
    expect(mine.json).toMatchObject({
      id: notifyId,
      reference: deliveryId,
      emailAddress: "x@example.com",
      type: "email",
    });
    expect((await getStatus(demo.otherServiceHeaders, notifyId)).status).toBe(404);
    expect((await getStatus(await demo.as("rosa"), notifyId)).status).toBe(404);
  });

  it("answers 404 when Notify no longer holds the message", async () => {
    const { notifyId } = await sendEmail("y@example.com");
    context.simulator.store.prune(Number.MAX_SAFE_INTEGER);
    const gone = await getStatus(demo.serviceHeaders, notifyId);
    expect(gone.status).toBe(404);
  });

  it("answers 503, try again, while Notify fails to answer", async () => {
    const { notifyId } = await sendEmail("z@example.com");
    context.simulator.setFailure({ status: 500, share: 1 });
    try {
      const down = await getStatus(demo.serviceHeaders, notifyId);
      expect(down.status).toBe(503);
      expect(down.json.detail).toMatch(/try again shortly$/);
    } finally {
      context.simulator.setFailure(null);
    }
  });
});
