import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { demoIds } from "@/db/seed/demo-people";
import { getSettings } from "@/lib/config/settings";
import { notificationRoutes } from "@/lib/notifications/testing/notification-routes";
import { notifyTemplateIds } from "@/lib/notify-simulator";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";
import { sendDelivery } from "./send-delivery";
import { findDeliveryOf, roomySendLimiter, setUpDeliveryTest } from "./test-support";

// A notification's follow-on link (actionUrl, or its category's default) reaches the email or text
// through the template's ((action_url)) field, as the reader can open it: a resident's own history
// entry rather than a staff timeline; the caller's own actionUrl as given. Templates without the
// field get nothing extra, and an action_url in personalisationParams is the caller's.

const context = setUpDeliveryTest({ workers: false });
const limiter = () => roomySendLimiter(context.handle.db);
let demo: DemoCallers;
beforeAll(async () => {
  demo = await setUpDemoCallers(context.handle.db);
});

// The catalogue's visitDue text: `Visit due: ((title)). ((urgent??Urgent. ))See visit details: ((action_url))`.
const visitText = (recipient: object, extra: object = {}) => ({
  notificationType: "Text",
  category: "visitDue",
  targetType: "tenure",
  targetId: demoIds.rosaTenure,
  serviceKey: "housing",
  templateId: notifyTemplateIds.sms.visitDue,
  personalisationParams: { title: "Gas safety check", urgent: "no" },
  recipient,
  ...extra,
});

async function sendAndRead(body: object) {
  const { status, json } = await notificationRoutes.post(demo.serviceHeaders, body);
  expect(status, JSON.stringify(json)).toBe(201);
  const delivery = (await findDeliveryOf(context.handle.db, json.id))!;
  expect(await sendDelivery(context.handle.db, delivery.id, { limiter: limiter() })).toBe("sent");
  const [sent] = await context.handle.db.query.deliveries.findMany({ where: (row, { eq }) => eq(row.id, delivery.id) });
  return { id: json.id as string, message: context.simulator.store.find(sent!.notifyId!)! };
}

describe("the follow-on link in a message", () => {
  it("gives a resident their own history entry, not the staff timeline", async () => {
    const { id, message } = await sendAndRead(visitText({ personId: demoIds.rosaPerson }));
    const link = `${getSettings().server.publicUrl}/my/history?show=notifications#entry-${id}`;
    expect(message.personalisation.action_url).toBe(link);
    expect(message.body).toContain(link);
  });

  it("gives a member of staff the category's own link", async () => {
    await context.handle.db
      .update(users)
      .set({ mobileNumber: "07700900555" })
      .where(eq(users.id, demo.people.hana!.id));
    const { message } = await sendAndRead(visitText({ userId: demo.people.hana!.id }));
    expect(message.personalisation.action_url).toBe(
      `${getSettings().server.publicUrl}/activity/tenure/${demoIds.rosaTenure}`,
    );
  });

  it("gives everyone the caller's own actionUrl", async () => {
    const actionUrl = "https://surveys.council.example/repairs/123";
    const { message } = await sendAndRead(visitText({ personId: demoIds.rosaPerson }, { actionUrl }));
    expect(message.personalisation.action_url).toBe(actionUrl);
  });

  it("leaves an action_url the caller put in personalisationParams alone", async () => {
    const action_url = "https://example.com/own";
    const { message } = await sendAndRead(
      visitText({ personId: demoIds.rosaPerson }, { personalisationParams: { title: "t", urgent: "no", action_url } }),
    );
    expect(message.personalisation.action_url).toBe(action_url);
  });

  it("adds nothing for a template without the field", async () => {
    const { message } = await sendAndRead({
      notificationType: "Text",
      category: "visitDue",
      targetType: "tenure",
      targetId: demoIds.rosaTenure,
      serviceKey: "housing",
      templateId: notifyTemplateIds.freeTextSms,
      personalisationParams: { message: "Your visit is tomorrow" },
      recipient: { personId: demoIds.rosaPerson },
    });
    expect(Object.keys(message.personalisation)).toEqual(["message"]);
  });

  it("still needs action_url from a caller whose notification has no link", async () => {
    const { status, json } = await notificationRoutes.post(
      demo.serviceHeaders,
      visitText({ personId: demoIds.rosaPerson }, { category: undefined, targetType: undefined, targetId: undefined }),
    );
    expect(status).toBe(400);
    expect(json.errors).toEqual([
      { path: "personalisationParams.action_url", message: "The template needs ((action_url))" },
    ]);
  });
});
