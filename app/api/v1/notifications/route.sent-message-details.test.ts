import { beforeAll, describe, expect, it } from "vitest";
import { findDeliveryOf, setUpDeliveryTest, waitFor } from "@/lib/delivery/test-support";
import { notificationRoutes } from "@/lib/notifications/testing/notification-routes";
import { emailPersonalisation } from "@/lib/notify-simulator/test-support";
import { notifyTemplateIds } from "@/lib/notify-simulator";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";

// The seed's sentMessageDetails on GET of one notification and on lists: GOV.UK Notify's id and
// status of each message, sent for real through the simulator and its status callbacks.

const context = setUpDeliveryTest();
let demo: DemoCallers;
beforeAll(async () => {
  demo = await setUpDemoCallers(context.handle.db);
});

const { post, get, list } = notificationRoutes;

describe("sentMessageDetails", () => {
  it("gives Notify's id and status of each message, alongside deliveries, on one item and on lists", async () => {
    const created = await post(demo.serviceHeaders, {
      notificationType: "Screen",
      message: "Your estimate is ready",
      targetType: "EstimatesAndActuals",
      targetId: "E-77",
      user: "fiona.finch@council.example",
      requireEmailNotification: true,
      serviceKey: "housing",
      templateId: notifyTemplateIds.email.visitDue,
      personalisationParams: emailPersonalisation,
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const id = created.json.id as string;
    const delivered = await waitFor(
      () => findDeliveryOf(context.handle.db, id),
      (row) => row?.completedAt !== null && row?.completedAt !== undefined,
    );
    const message = context.simulator.store.find(delivered!.notifyId!);
    expect(message?.to).toBe("fiona.finch@council.example");

    const expected = [
      {
        id: delivered!.notifyId,
        type: "email",
        status: delivered!.status,
        sentAt: delivered!.sentAt!.toISOString(),
        completedAt: delivered!.completedAt!.toISOString(),
      },
    ];
    expect(["delivered", "permanent-failure", "temporary-failure", "technical-failure"]).toContain(delivered!.status);
    const one = await get(demo.serviceHeaders, id);
    expect(one.json.sentMessageDetails).toEqual(expected);
    expect(one.json.deliveries).toEqual([
      expect.objectContaining({ channel: "email", notifyId: delivered!.notifyId, status: delivered!.status }),
    ]);
    const clientList = await list(demo.serviceHeaders, { targetId: "E-77" });
    expect(clientList.json.results.map((item: { sentMessageDetails: unknown }) => item.sentMessageDetails)).toEqual([
      expected,
    ]);
    const inbox = await list(await demo.as("fiona"), { targetId: "E-77" });
    expect(inbox.json.results[0]).toMatchObject({ user: "fiona.finch@council.example", sentMessageDetails: expected });
  });
});
