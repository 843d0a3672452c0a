import { describe, expect, it } from "vitest";
import { notificationRoutes } from "@/lib/notifications/testing/notification-routes";
import { setUpNotificationsApi } from "@/lib/notifications/testing/set-up-notifications-api";

const { demo } = setUpNotificationsApi();

const { post, patch } = notificationRoutes;
const counts = async (headers: Record<string, string>) => (await notificationRoutes.counts(headers)).json;

describe("GET /api/v1/notifications/counts", () => {
  it("counts unread and action-required items for the person", async () => {
    const dee = demo.people.dee!;
    const headers = await demo.as("dee");
    const before = await counts(headers);
    await post(demo.serviceHeaders, { notificationType: "Screen", message: "FYI", recipient: { userId: dee.id } });
    const { json: needsAction } = await post(demo.serviceHeaders, {
      notificationType: "Screen",
      category: "followOnWork",
      message: "Raise a follow-on",
    });
    const after = await counts(headers);
    expect(after).toEqual({
      unread: before.unread + 2,
      actionRequired: before.actionRequired + 1,
      all: before.all + 2,
      archived: before.archived,
    });
    await patch(headers, needsAction.id, { actionType: "Initiated" });
    const settled = await counts(headers);
    expect(settled).toEqual({
      unread: before.unread + 1,
      actionRequired: before.actionRequired,
      all: before.all + 2,
      archived: before.archived,
    });
  });
});
