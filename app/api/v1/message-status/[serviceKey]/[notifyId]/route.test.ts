import { beforeAll, describe, expect, it } from "vitest";
import * as notificationsRoute from "@/app/api/v1/notifications/route";
import { emailPersonalisation, emailTemplateId, setUpDeliveryTest, waitFor } from "@/lib/delivery/test-support";
import { callRoute } from "@/lib/testing/call-route";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";
import * as messageStatus from "./route";

const context = setUpDeliveryTest();
let demo: DemoCallers;
beforeAll(async () => {
  demo = await setUpDemoCallers(context.handle.db);
});

describe("GET /api/v1/message-status/{serviceKey}/{notifyId}", () => {
  it("answers Notify's view in camelCase to the client that sent it, and 404 to anyone else", async () => {
    const { json: created } = await callRoute(notificationsRoute.POST, "POST", "/api/v1/notifications", {
      headers: demo.serviceHeaders,
      body: {
        notificationType: "Email",
        serviceKey: "housing",
        templateId: emailTemplateId,
        email: "x@example.com",
        personalisationParams: emailPersonalisation,
      },
    });
    const delivery = await waitFor(
      () => context.handle.db.query.deliveries.findFirst({ where: (d, { eq }) => eq(d.notificationId, created.id) }),
      (row) => Boolean(row?.notifyId),
    );
    const path = `/api/v1/message-status/housing/${delivery!.notifyId}`;
    const params = { serviceKey: "housing", notifyId: delivery!.notifyId! };
    const mine = await callRoute(messageStatus.GET, "GET", path, { headers: demo.serviceHeaders, params });
    expect(mine.status).toBe(200);
    expect(mine.json).toMatchObject({
      id: delivery!.notifyId,
      reference: delivery!.id,
      emailAddress: "x@example.com",
      type: "email",
    });
    expect(
      (await callRoute(messageStatus.GET, "GET", path, { headers: demo.otherServiceHeaders, params })).status,
    ).toBe(404);
    expect((await callRoute(messageStatus.GET, "GET", path, { headers: await demo.as("rosa"), params })).status).toBe(
      404,
    );
  });

  it("answers 404 when Notify no longer holds the message", async () => {
    const { json: created } = await callRoute(notificationsRoute.POST, "POST", "/api/v1/notifications", {
      headers: demo.serviceHeaders,
      body: {
        notificationType: "Email",
        serviceKey: "housing",
        templateId: emailTemplateId,
        email: "y@example.com",
        personalisationParams: emailPersonalisation,
      },
    });
    const delivery = await waitFor(
      () => context.handle.db.query.deliveries.findFirst({ where: (d, { eq }) => eq(d.notificationId, created.id) }),
      (row) => Boolean(row?.notifyId),
    );
    context.simulator.store.prune(Number.MAX_SAFE_INTEGER);
    const params = { serviceKey: "housing", notifyId: delivery!.notifyId! };
    const gone = await callRoute(messageStatus.GET, "GET", `/api/v1/message-status/housing/${delivery!.notifyId}`, {
      headers: demo.serviceHeaders,
      params,
    });
    expect(gone.status).toBe(404);
  });

  it("answers 503, try again, while Notify fails to answer", async () => {
    const { json: created } = await callRoute(notificationsRoute.POST, "POST", "/api/v1/notifications", {
      headers: demo.serviceHeaders,
      body: {
        notificationType: "Email",
        serviceKey: "housing",
        templateId: emailTemplateId,
        email: "z@example.com",
        personalisationParams: emailPersonalisation,
      },
    });
    const delivery = await waitFor(
      () => context.handle.db.query.deliveries.findFirst({ where: (d, { eq }) => eq(d.notificationId, created.id) }),
      (row) => Boolean(row?.notifyId),
    );
    const params = { serviceKey: "housing", notifyId: delivery!.notifyId! };
    context.simulator.setFailure({ status: 500, share: 1 });
    try {
      const down = await callRoute(messageStatus.GET, "GET", `/api/v1/message-status/housing/${delivery!.notifyId}`, {
        headers: demo.serviceHeaders,
        params,
      });
      expect(down.status).toBe(503);
      expect(down.json.detail).toMatch(/try again shortly$/);
    } finally {
      context.simulator.setFailure(null);
    }
  });
});
