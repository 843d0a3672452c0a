import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as one from "@/app/api/v1/sms/[id]/route";
import * as collection from "@/app/api/v1/sms/route";
import { deliveries } from "@/db/schema";
import { demoIds } from "@/db/seed/demo-people";
import { setUpDeliveryTest, waitFor } from "@/lib/delivery/test-support";
import { notifyTemplateIds } from "@/lib/notify-simulator";
import { callRoute } from "@/lib/testing/call-route";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";

// A text from POST /api/v1/sms all the way out: the send workers call the simulator through the
// real notifications-node-client (lib/notify), the simulator's receipt comes back over HTTP to the
// callback route, and the delivery records the person it went to, not only a number.

const context = setUpDeliveryTest();
let demo: DemoCallers;
beforeAll(async () => {
  demo = await setUpDemoCallers(context.handle.db);
});

describe("a free-text text sent through GOV.UK Notify", () => {
  it("reaches the resident's number from the directory through the free-text template, recording the person", async () => {
    const message = "The lift at Alder House is working again. Thank you for your patience.";
    const created = await callRoute(collection.POST, "POST", "/api/v1/sms", {
      headers: demo.serviceHeaders,
      body: { message, personId: demoIds.rosaPerson },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);

    const delivered = await waitFor(
      () =>
        callRoute(one.GET, "GET", `/api/v1/sms/${created.json.id}`, {
          headers: demo.serviceHeaders,
          params: { id: created.json.id },
        }),
      (answer) => answer.json.status === "delivered",
    );
    expect(delivered.json).toMatchObject({ personId: demoIds.rosaPerson, userId: demo.people.rosa!.id, message });
    expect(delivered.json.completedAt).not.toBeNull();

    const [delivery] = await context.handle.db
      .select()
      .from(deliveries)
      .where(eq(deliveries.notificationId, created.json.id));
    expect(delivery).toMatchObject({ channel: "sms", userId: demo.people.rosa!.id, status: "delivered" });
    const atNotify = context.simulator.store.find(delivery!.notifyId!)!;
    expect(atNotify).toMatchObject({
      type: "sms",
      templateId: notifyTemplateIds.freeTextSms,
      to: demo.people.rosa!.mobileNumber,
      reference: delivery!.id,
      body: message,
    });
  });
});
