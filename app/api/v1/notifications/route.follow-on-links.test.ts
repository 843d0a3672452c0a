import { describe, expect, it } from "vitest";
import { demoIds } from "@/db/seed/demo-people";
import { notificationRoutes } from "@/lib/notifications/testing/notification-routes";
import { setUpNotificationsApi } from "@/lib/notifications/testing/set-up-notifications-api";

// A notification's follow-on link as each reader is given it: a category's default link is a staff
// timeline, so a resident is given their own history entry instead; a link the caller gave is
// everyone's. (e2e/resident-links.spec.ts opens each link a resident is given.)

const { demo } = setUpNotificationsApi();
const { post, get, list } = notificationRoutes;

const noAccess = (recipient: object, extra: object = {}) => ({
  notificationType: "Screen",
  category: "noAccess",
  targetType: "workOrder",
  targetId: demoIds.rosaTenure,
  message: "We could not get in to fix your boiler",
  recipients: [recipient, { team: "repairs" }],
  ...extra,
});

describe("follow-on links", () => {
  it("gives the resident their history entry and staff the timeline, for the same item", async () => {
    const { status, json } = await post(demo.serviceHeaders, noAccess({ personId: demoIds.rosaPerson }));
    expect(status, JSON.stringify(json)).toBe(201);
    const timeline = `/activity/workOrder/${demoIds.rosaTenure}`;
    expect(json.actionUrl).toBe(timeline);

    const rosa = await demo.as("rosa");
    expect((await get(rosa, json.id)).json.actionUrl).toBe(`/my/history?show=notifications#entry-${json.id}`);
    const inbox = await list(rosa);
    const item = inbox.json.results.find((result: { id: string }) => result.id === json.id);
    expect(item.actionUrl).toBe(`/my/history?show=notifications#entry-${json.id}`);

    expect((await get(await demo.as("rob"), json.id)).json.actionUrl).toBe(timeline);
    expect((await get(demo.serviceHeaders, json.id)).json.actionUrl).toBe(timeline);
  });

  it("gives everyone the caller's own actionUrl", async () => {
    const actionUrl = "https://surveys.council.example/repairs/123";
    const { json } = await post(demo.serviceHeaders, noAccess({ personId: demoIds.rosaPerson }, { actionUrl }));
    expect((await get(await demo.as("rosa"), json.id)).json.actionUrl).toBe(actionUrl);
    expect((await get(await demo.as("rob"), json.id)).json.actionUrl).toBe(actionUrl);
  });
});
